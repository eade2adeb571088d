--liquibase formatted sql
--changeset bo:add_page
ALTER TABLE visits ADD COLUMN page String;
--rollback ALTER TABLE visits DROP COLUMN page;
