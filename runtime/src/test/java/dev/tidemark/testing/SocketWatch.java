package dev.tidemark.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;

/**
 * Records which threads open a connection to the server: a URL made by {@link #url} has the driver
 * create its sockets here ({@code socketFactory}), and {@link #threads} lists, in order, the name of
 * the thread that created each one. Each watch has a key of its own, so tests running at the same
 * time do not see each other's sockets.
 */
public final class SocketWatch {

    private static final Map<String, List<String>> OPENED = new ConcurrentHashMap<>();

    private final String key = UUID.randomUUID().toString();

    public SocketWatch() {
        OPENED.put(key, new CopyOnWriteArrayList<>());
    }

    /** {@code url} with the driver told to open its sockets through this watch. */
    public String url(String url) {
        return url + (url.contains("?") ? "&" : "?") + "socketFactory=" + Factory.class.getName() + "&socketFactoryArg="
                + key;
    }

    /** The names of the threads that opened a socket through this watch, in order. */
    public List<String> threads() {
        return List.copyOf(OPENED.get(key));
    }

    /** Instantiated by the driver with the watch's key as {@code socketFactoryArg}. */
    public static final class Factory extends SocketFactory {

        private final List<String> opened;

        public Factory(String key) {
            this.opened = OPENED.get(key);
        }

        @Override
        public Socket createSocket() {
            opened.add(Thread.currentThread().getName());
            return new Socket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket socket = createSocket();
            socket.connect(new InetSocketAddress(host, port));
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw new IOException("not used by the driver");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new IOException("not used by the driver");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            throw new IOException("not used by the driver");
        }
    }
}
