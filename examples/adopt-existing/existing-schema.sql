-- The database as it stands before Tidemark: made by hand, or by another tool, long ago.
-- Run once to play the part of that database: psql -h 127.0.0.1 -U postgres -f existing-schema.sql
DROP SCHEMA IF EXISTS adopt_existing CASCADE;
CREATE SCHEMA adopt_existing;
SET search_path TO adopt_existing;

CREATE TABLE customers (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name  text NOT NULL,
    email text NOT NULL UNIQUE
);

CREATE TABLE invoices (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES customers (id),
    amount_cents bigint NOT NULL,
    issued_on    date NOT NULL DEFAULT current_date
);

INSERT INTO customers (name, email) VALUES ('Ada Lovelace', 'ada@example.com');
INSERT INTO invoices (customer_id, amount_cents) VALUES (1, 12000);
