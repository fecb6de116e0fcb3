package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Connections held before any authentication: an unfinished request is closed after the
 * packaged idle timeout (not the framework's 30 minutes), and the connections open at once are
 * bounded.
 */
@Tag("faults")
class HttpLimitsIT {

    private static final byte[] UNFINISHED = "GET /api/types HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);

    @Test
    void a_request_whose_headers_never_end_is_closed_after_the_idle_timeout() throws Exception {
        Path out = ItSupport.newOutputDir("http-idle");
        try (PackagedApp.Service service = PackagedApp.serve(out.resolve("serve.log"), Map.of("dumper.output-dir", out.toString()));
                Socket socket = connect(service.port())) {
            socket.getOutputStream().write(UNFINISHED);
            socket.getOutputStream().flush();
            long began = System.nanoTime();
            socket.setSoTimeout(PackagedApp.PATIENCE_SECONDS * 1000);
            assertThat(readToEnd(socket.getInputStream())).as("the server answered an unfinished request").isEmpty();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);
            System.out.printf("an unfinished request was closed after %d s%n", seconds);
            // The packaged 15 s, not the framework's 30 minutes; a loaded machine may close it late.
            assertThat(seconds).as("seconds until the server closed it").isBetween(10L, (long) PackagedApp.PATIENCE_SECONDS);
        }
    }

    @Test
    void connections_beyond_the_packaged_limit_are_closed_as_they_arrive() throws Exception {
        Path out = ItSupport.newOutputDir("http-limit");
        List<Socket> held = new ArrayList<>();
        // An idle timeout far beyond the test: every connection the server closes is one over the
        // limit, however slowly the machine runs (with the packaged 15 s, a loaded machine could
        // reach the idle timeout before the count is taken).
        try (PackagedApp.Service service = PackagedApp.serve(out.resolve("serve.log"), Map.of("dumper.output-dir", out.toString(),
                "quarkus.http.idle-timeout", "PT30M"))) {
            for (int i = 0; i < 120; i++) {
                Socket socket = connect(service.port());
                held.add(socket);
                socket.setSoTimeout(20);
                try {
                    socket.getOutputStream().write(UNFINISHED);
                } catch (IOException closedAlready) {
                    // Refused before its request was written: counted below.
                }
            }
            // Those over the limit are closed as they are accepted; the others wait for the rest of their request.
            SortedSet<Integer> closed = new TreeSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PackagedApp.PATIENCE_SECONDS);
            while (closed.size() < 20 && System.nanoTime() < deadline) {
                for (int i = 0; i < held.size(); i++) {
                    if (!closed.contains(i) && closedByServer(held.get(i))) {
                        closed.add(i);
                    }
                }
            }
            System.out.printf("of 120 connections, the server closed %d as they arrived: %s%n", closed.size(), closed);
            // The start-up probe may still hold one pooled connection: 100 or 99 of these are let in (which
            // ones depends on the order the I/O threads take them in).
            assertThat(closed.size()).as("connections closed as they arrived").isBetween(20, 21);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** True when the server has closed {@code socket} (end of stream or reset); false while it waits. */
    private static boolean closedByServer(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException waiting) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }

    /** Everything until the server closes; a timeout fails the test (the server kept it open). */
    private static String readToEnd(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        }
    }
}
