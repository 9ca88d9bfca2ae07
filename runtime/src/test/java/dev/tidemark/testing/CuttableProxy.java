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
 * A TCP proxy on 127.0.0.1 between Tidemark and the test server, which a test cuts to play a lost
 * connection: all connections at once ({@link #cutAll}), or the one that sends a given text, either
 * before the server sees it or just after the server answered it ({@link #cutOnSend}, {@link
 * #cutOnReply}); {@link #stopListening} refuses new connections. Plain sockets, one thread per
 * direction of each connection, all closed by {@link #close}.
 */
public final class CuttableProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();
    private final AtomicReference<Trigger> trigger = new AtomicReference<>();
    private final Thread acceptor;

    private record Trigger(String text, boolean afterReply) {}

    public CuttableProxy() throws IOException {
        URI uri = URI.create(PostgresExtension.serverUrl().substring("jdbc:".length()));
        this.server = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "cuttable-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The URL of {@code database} through this proxy, with the test server's query parameters. */
    public String url(TestDatabase database) {
        String url = database.url();
        int query = url.indexOf('?');
        return "jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + "/" + database.name()
                + (query < 0 ? "" : url.substring(query));
    }

    /** Cuts every connection open now, both ways. */
    public void cutAll() {
        for (Pair pair : pairs) {
            pair.closeBoth();
        }
    }

    /** Refuses new connections from now on. */
    public void stopListening() throws IOException {
        listener.close();
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
                Socket upstream = new Socket();
                upstream.connect(server, 5_000);
                Pair pair = new Pair(client, upstream);
                pairs.add(pair);
                pair.start();
            } catch (IOException e) {
                // Closed, or the server refused: the client sees its connection end.
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
    }

    /** One client connection and its connection to the server. */
    private final class Pair {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean dropReplies;
        /** The tail of what the client sent, so that a text split across reads is found. */
        private String sent = "";

        Pair(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            Thread up = new Thread(() -> pump(true), "cuttable-proxy-up");
            Thread down = new Thread(() -> pump(false), "cuttable-proxy-down");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        private void pump(boolean fromClient) {
            byte[] buffer = new byte[16384];
            try (InputStream in = (fromClient ? client : upstream).getInputStream();
                    OutputStream out = (fromClient ? upstream : client).getOutputStream()) {
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
            close(upstream);
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
