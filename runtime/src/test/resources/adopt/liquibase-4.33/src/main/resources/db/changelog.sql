--liquibase formatted sql

--changeset ada:1
CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL
);
--rollback DROP TABLE users;

--changeset ada:1.1
-- a comment inside the changeset
ALTER TABLE users ADD COLUMN name text;
COMMENT ON COLUMN users.name IS 'Prénom  et	nom';

--changeset bob:2-create-orders
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id));
CREATE INDEX orders_user ON orders (user_id);
