package dumper.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of the database, so a test can make the database unreachable
 * for the application (and reachable again), cut every connection, or freeze them (stop
 * forwarding without closing, as a stalled network path does), without touching the server
 * other tests use.
 */
final class TcpProxy {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean frozen;
    /** Bytes forwarded so far, both ways: a test waits on it for rows to be flowing. */
    private final AtomicLong relayed = new AtomicLong();
    /** Bytes sent towards the target so far, over every connection; and the count that cuts or freezes one. */
    private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
    private volatile long cutAt = Long.MAX_VALUE;
    private volatile long freezeAt = Long.MAX_VALUE;

    TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    synchronized void start() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Stops forwarding in both directions, keeping every connection open; new ones stall too. */
    void freeze() {
        frozen = true;
    }

    /**
     * Waits until {@code bytes} more have been forwarded than now (rows are flowing), or fails
     * the test after {@link PackagedApp#PATIENCE_SECONDS}.
     */
    void awaitRelayed(long bytes) throws InterruptedException {
        long target = relayed.get() + bytes;
        long deadline = System.nanoTime() + PackagedApp.PATIENCE_SECONDS * 1_000_000_000L;
        while (relayed.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the relay forwarded " + relayed.get() + " bytes, not " + target);
            }
            Thread.sleep(20);
        }
    }

    void thaw() {
        frozen = false;
        freezeAt = Long.MAX_VALUE;
    }

    /** Closes the connection that carries the target's {@code bytes}-th byte (counted from now), once: a network cut mid-request. */
    void cutAfter(long bytes) {
        cutAt = sent.get() + bytes;
    }

    /** Freezes every connection once {@code bytes} more have been sent towards the target. */
    void freezeAfter(long bytes) {
        freezeAt = sent.get() + bytes;
    }

    /** Closes the listening socket and every relayed connection. */
    synchronized void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing is all we want.
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Same.
            }
        }
        sockets.clear();
    }

    private void accept() {
        ServerSocket listening = server;
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean towardsTarget) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    while (frozen && !to.isClosed()) {
                        Thread.sleep(20);
                    }
                    if (towardsTarget) {
                        long total = sent.addAndGet(n);
                        if (total >= cutAt) {
                            cutAt = Long.MAX_VALUE;
                            break;
                        }
                        if (total >= freezeAt) {
                            frozen = true;
                        }
                    }
                    out.write(buffer, 0, n);
                    relayed.addAndGet(n);
                }
            } catch (IOException | InterruptedException ignored) {
                // One side closed; close the other below.
            }
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }
}
