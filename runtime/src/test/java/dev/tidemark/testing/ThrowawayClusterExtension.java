package dev.tidemark.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ThrowawayCluster} for the tests of one class, started before the first and deleted after
 * the last: {@code @RegisterExtension static final ThrowawayClusterExtension CLUSTER = new
 * ThrowawayClusterExtension(port);}.
 */
public final class ThrowawayClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private final int port;
    private ThrowawayCluster cluster;

    public ThrowawayClusterExtension(int port) {
        this.port = port;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = ThrowawayCluster.start(port);
    }

    /** The running cluster. */
    public ThrowawayCluster get() {
        return cluster;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
