ALTER TABLE invoices ADD COLUMN status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'paid', 'void'));
