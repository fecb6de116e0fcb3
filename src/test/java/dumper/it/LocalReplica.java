package dumper.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real MariaDB primary and its replica, two {@code mariadbd} processes of this machine on
 * free ports with their own data directories, for the guard's replica lag. Made from one
 * freshly installed data directory (copied for the replica), removed on close.
 */
final class LocalReplica implements AutoCloseable {

    static final String DATABASE = "replicated";

    private final Path dir;
    private final Process primary;
    private final Process replica;
    final int primaryPort;
    final int replicaPort;

    private LocalReplica(Path dir, Process primary, int primaryPort, Process replica, int replicaPort) {
        this.dir = dir;
        this.primary = primary;
        this.primaryPort = primaryPort;
        this.replica = replica;
        this.replicaPort = replicaPort;
    }

    /** Whether this machine can run one: the server and its installer are there. */
    static boolean available() {
        return Files.isExecutable(Path.of("/usr/sbin/mariadbd")) && Files.isExecutable(Path.of("/usr/bin/mariadb-install-db"));
    }

    /** Starts both, replicating; {@code setUp} runs on the primary (and so reaches the replica). */
    static LocalReplica start(String... setUp) throws Exception {
        Path dir = Files.createTempDirectory("dumper-replica");
        Process install = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--user=root", "--datadir=" + dir.resolve("primary"),
                "--auth-root-authentication-method=normal", "--skip-test-db").redirectErrorStream(true)
                .redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed: " + Files.readString(dir.resolve("install.log")));
        }
        copy(dir.resolve("primary"), dir.resolve("replica"));
        int primaryPort = PackagedApp.freePort();
        int replicaPort = PackagedApp.freePort();
        Process primary = server(dir, "primary", primaryPort, "--server-id=1", "--log-bin=" + dir.resolve("primary/bin"));
        Process replica = server(dir, "replica", replicaPort, "--server-id=2", "--relay-log=" + dir.resolve("replica/relay"),
                "--read-only");
        LocalReplica pair = new LocalReplica(dir, primary, primaryPort, replica, replicaPort);
        try {
            pair.await(primaryPort, primary);
            pair.await(replicaPort, replica);
            pair.onReplica("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primaryPort + ", MASTER_USER='root', "
                    + "MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos", "START SLAVE");
            pair.onPrimary("CREATE DATABASE " + DATABASE);
            pair.onPrimary(setUp);
            pair.onPrimary("CREATE TABLE " + DATABASE + ".arrived (id INT PRIMARY KEY)", "INSERT INTO " + DATABASE + ".arrived VALUES (1)");
            pair.awaitReplicated();
            return pair;
        } catch (Exception | Error e) {
            pair.close();
            throw e;
        }
    }

    String replicaUrl() {
        return "jdbc:mysql://127.0.0.1:" + replicaPort + "/" + DATABASE + TestDatabase.jdbcOptions();
    }

    void onPrimary(String... statements) throws SQLException {
        run(primaryPort, statements);
    }

    void onReplica(String... statements) throws SQLException {
        run(replicaPort, statements);
    }

    /** The replica's Seconds_Behind_Master; -1 when NULL (replication stopped). */
    long lag() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + replicaPort + "/" + TestDatabase.jdbcOptions(),
                "root", ""); Statement s = c.createStatement(); var r = s.executeQuery("SHOW SLAVE STATUS")) {
            if (!r.next()) {
                return -1;
            }
            long lag = r.getLong("Seconds_Behind_Master");
            return r.wasNull() ? -1 : lag;
        }
    }

    private static void run(int port, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/" + TestDatabase.jdbcOptions(), "root", "");
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static Process server(Path dir, String name, int port, String... options) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/sbin/mariadbd", "--no-defaults", "--user=root",
                "--datadir=" + dir.resolve(name), "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve(name + ".sock"),
                "--pid-file=" + dir.resolve(name + ".pid"), "--innodb-buffer-pool-size=16M", "--skip-name-resolve"));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private void await(int port, Process server) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (!server.isAlive()) {
                throw new IllegalStateException("mariadbd on port " + port + " ended: " + Files.readString(dir.resolve(
                        (server == primary ? "primary" : "replica") + ".log")));
            }
            try {
                run(port, "SELECT 1");
                return;
            } catch (SQLException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("mariadbd on port " + port + " did not answer within a minute");
    }

    private void awaitReplicated() throws Exception {
        for (int i = 0; i < 600; i++) {
            try (Connection c = DriverManager.getConnection(replicaUrl(), "root", ""); Statement s = c.createStatement();
                    var r = s.executeQuery("SELECT COUNT(*) FROM arrived")) {
                if (r.next() && r.getInt(1) == 1) {
                    return;
                }
            } catch (SQLException notYet) {
                // The table has not arrived yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the replica did not catch up within a minute");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process server : new Process[] {replica, primary}) {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
