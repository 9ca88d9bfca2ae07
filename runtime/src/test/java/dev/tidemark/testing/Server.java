package dev.tidemark.testing;

/** Host, port and user of a server named by a JDBC URL such as {@code jdbc:postgresql://host:5432/db?user=u}. */
record Server(String host, int port, String user) {

    static Server of(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = colon < 0 ? 5432 : Integer.parseInt(hostPort.substring(colon + 1));
        String user = "postgres";
        int query = rest.indexOf('?');
        if (query >= 0) {
            for (String parameter : rest.substring(query + 1).split("&")) {
                if (parameter.startsWith("user=")) {
                    user = parameter.substring("user=".length());
                }
            }
        }
        return new Server("localhost".equals(host) ? "127.0.0.1" : host, port, user);
    }
}
