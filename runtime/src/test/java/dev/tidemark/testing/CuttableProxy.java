package dev.tidemark.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, whose connections a test cuts as a load balancer
 * or a failing network would: all at once ({@link #cut}, later connections go through as before),
 * or the one that sends a given text, either before the server sees it or just after the server
 * answered it ({@link #cutOnSend}, {@link #cutOnReply}); {@link #stopListening} refuses new
 * connections. Plain sockets, one thread per direction of each connection, all closed by {@link
 * #close}.
 */
public final class CuttableProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();
    private final AtomicReference<Trigger> trigger = new AtomicReference<>();
    private volatile boolean refusing;

    private record Trigger(String text, boolean afterReply) {}

    private CuttableProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** Listens on a free port of 127.0.0.1 and forwards to 127.0.0.1:{@code targetPort}. */
    public static CuttableProxy start(int targetPort) throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
    }

    /** Listens on a free port of 127.0.0.1 and forwards to the server of {@code TIDEMARK_TEST_URL}. */
    public static CuttableProxy toTestServer() throws IOException {
        URI uri = URI.create(PostgresExtension.serverUrl().substring("jdbc:".length()));
        return start(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort()));
    }

    private static CuttableProxy start(InetSocketAddress target) throws IOException {
        CuttableProxy proxy = new CuttableProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
        Thread accepting = new Thread(proxy::accept, "proxy-accept");
        accepting.setDaemon(true);
        accepting.start();
        return proxy;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** A JDBC URL for {@code database} through the proxy. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=postgres";
    }

    /** The URL of {@code database} through this proxy, with the test server's query parameters. */
    public String url(TestDatabase database) {
        String url = database.url();
        int query = url.indexOf('?');
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database.name()
                + (query < 0 ? "" : url.substring(query));
    }

    /** Cuts every connection open now, both ways. */
    public void cut() {
        for (Pair pair : pairs) {
            pair.closeBoth();
        }
        pairs.clear();
    }

    /**
     * Refuses new connections from now on: each is reset as soon as it is accepted. The port stays
     * bound, so no other listener (another test's proxy) can take it and answer in the proxy's place.
     */
    public void stopListening() {
        refusing = true;
    }

    /** Once: cuts the connection whose client sends {@code text}, before the server gets it. */
    public void cutOnSend(String text) {
        trigger.set(new Trigger(text, false));
    }

    /**
     * Once: lets the server get what the client sends that holds {@code text}, then drops the
     * server's answer and cuts the client side, keeping the server side open and read: the server
     * did the work (a commit), and the client never hears of it.
     */
    public void cutOnReply(String text) {
        trigger.set(new Trigger(text, true));
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                Socket server = new Socket();
                server.connect(target, 5_000);
                Pair pair = new Pair(client, server);
                pairs.add(pair);
                pair.start();
            } catch (IOException e) {
                // Closed, or the target refused: the client sees its connection end.
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }

    /** One client connection and its connection to the server. */
    private final class Pair {
        private final Socket client;
        private final Socket server;
        private volatile boolean dropReplies;
        /** The tail of what the client sent, so that a text split across reads is found. */
        private String sent = "";

        Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            Thread up = new Thread(() -> pump(true), "proxy-pump-up");
            Thread down = new Thread(() -> pump(false), "proxy-pump-down");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        private void pump(boolean fromClient) {
            byte[] buffer = new byte[16384];
            try (InputStream in = (fromClient ? client : server).getInputStream();
                    OutputStream out = (fromClient ? server : client).getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (fromClient) {
                        sent = tail(sent + new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                        Trigger armed = trigger.get();
                        if (armed != null && sent.contains(armed.text()) && trigger.compareAndSet(armed, null)) {
                            if (!armed.afterReply()) {
                                closeBoth();
                                return;
                            }
                            dropReplies = true;
                        }
                    } else if (dropReplies) {
                        client.close();
                        continue;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // Cut, or closed by the other side.
            } finally {
                if (!dropReplies) {
                    closeBoth();
                }
            }
        }

        private String tail(String text) {
            return text.length() > 65536 ? text.substring(text.length() - 65536) : text;
        }

        void closeBoth() {
            close(client);
            close(server);
        }

        private void close(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }
}
