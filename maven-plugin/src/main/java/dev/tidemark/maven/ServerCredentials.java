package dev.tidemark.maven;

/**
 * The user name and password of a {@code settings.xml} {@code <server>}, already decrypted.
 *
 * @param id the server's id, as given in {@code schema.serverId}
 * @param username the user name, or null
 * @param password the decrypted password, or null
 */
record ServerCredentials(String id, String username, String password) {

    @Override
    public String toString() {
        return "server '" + id + "'";
    }
}
