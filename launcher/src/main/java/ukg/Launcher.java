package ukg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Starts Neo4j's embedded DBMS with only the Bolt connector, bound to 127.0.0.1.
 *
 * Usage: Launcher DATA_DIR PORT [PASSWORD_FILE]. With a password file, authentication is on and
 * the user neo4j gets that password; without one, authentication is off (old behaviour).
 * Prints "UKG_NEO4J_READY port=PORT" once Bolt is up, then blocks until SIGTERM/SIGINT, when the
 * shutdown hook closes the DBMS cleanly. Everything else (building, waiting, PID files,
 * generating the password) is done by the Python CLI.
 *
 * Why the password is set with Bolt off: the system database starts with neo4j/neo4j; if Bolt
 * were listening while we changed it, another local user could claim the account first. So when
 * the password file differs from the one last applied (a hash in DATA_DIR/auth-applied), the
 * DBMS is first opened without Bolt, the password is set, and only then opened with Bolt.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: Launcher DATA_DIR PORT [PASSWORD_FILE]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        DatabaseManagementService dbms;
        try {
            String password = args.length == 3 ? Files.readString(Path.of(args[2])).strip() : null;
            if (password != null) {
                applyPassword(home, port, password);
            }
            dbms = builder(home, port, true, password != null).build();
        } catch (RuntimeException | IOException e) {
            System.err.println("UKG_NEO4J_FAILED " + rootMessage(e));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "ukg-neo4j-shutdown"));
        System.out.println("UKG_NEO4J_READY port=" + port);
        System.out.flush();
        stopped.await();
    }

    private static DatabaseManagementServiceBuilder builder(Path home, int port, boolean bolt, boolean auth) {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, bolt)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10));
    }

    /** Give user neo4j `password` unless it is the one applied last time (DBMS opened without Bolt). */
    private static void applyPassword(Path home, int port, String password) throws IOException {
        Path marker = home.resolve("auth-applied");
        String digest = sha256(password);
        if (Files.exists(marker) && Files.readString(marker).strip().equals(digest)) {
            return;
        }
        DatabaseManagementService setup = builder(home, port, false, true).build();
        try {
            setup.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            if (!rootMessage(e).contains("cannot be the same")) {
                throw e;
            }
        } finally {
            setup.shutdown();
        }
        Files.writeString(marker, digest + "\n");
        Files.setPosixFilePermissions(marker, PosixFilePermissions.fromString("rw-------"));
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
