CREATE SCHEMA tenant_a;
CREATE SCHEMA tenant_b;
CREATE TABLE tenant_b.users (id bigint);
CREATE SCHEMA tenant_c;
