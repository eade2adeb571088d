-- +goose Up
CREATE TABLE visits (id UInt64, at DateTime) ENGINE = MergeTree ORDER BY id;
-- +goose StatementBegin
CREATE VIEW visit_pages AS SELECT id, 'taken; whole' AS note FROM visits;
-- +goose StatementEnd

-- +goose Down
DROP VIEW visit_pages;
DROP TABLE visits;
