CREATE TABLE invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
);
CREATE INDEX invoices_customer ON invoices (customer_id);
