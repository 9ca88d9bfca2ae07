package com.acme.db.sql;

public final class OrderSql {
    public static final String CREATE_ORDERS = """
        CREATE TABLE orders (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            user_id bigint NOT NULL REFERENCES users (id),
            total numeric(14, 2) NOT NULL
        );
        """;

    private OrderSql() {}
}
