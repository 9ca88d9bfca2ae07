-- the users who can be written to
CREATE OR REPLACE VIEW user_emails AS SELECT id, email FROM users;
