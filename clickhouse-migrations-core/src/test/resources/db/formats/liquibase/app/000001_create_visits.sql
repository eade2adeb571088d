--liquibase formatted sql
--changeset ana:create_visits
--comment: the first table; a semicolon here is in a comment
CREATE TABLE visits (id UInt64, at DateTime) ENGINE = MergeTree ORDER BY id
--rollback DROP TABLE visits;

--changeset ana:seed_visits
INSERT INTO visits VALUES (1, now());
--rollback SELECT 1;
