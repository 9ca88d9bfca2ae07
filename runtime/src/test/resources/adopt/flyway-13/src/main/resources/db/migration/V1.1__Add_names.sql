ALTER TABLE users ADD COLUMN name text;


COMMENT ON COLUMN users.name IS 'Prénom et nom';
