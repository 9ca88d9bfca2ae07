-- A schema made before Tidemark, as migration 1 made it, and as migration 2 (data only) left it.
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE
);
INSERT INTO users (email) VALUES ('ada@example.com');
