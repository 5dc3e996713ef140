package dev.lineage.neo4j;

import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingImpl;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;

/**
 * Runs an embedded Neo4j Community DBMS with Bolt on 127.0.0.1 until SIGTERM/SIGINT or stdin EOF.
 * Options (each {@code --name value} or {@code --name=value}, env fallback in brackets):
 * --port [NEO4J_BOLT_PORT, 7687], --data-dir [NEO4J_DATA_DIR, ./neo4j-data],
 * --password-file [NEO4J_PASSWORD_FILE, required], --pagecache [NEO4J_PAGECACHE, 256m],
 * --tx-timeout seconds [NEO4J_TX_TIMEOUT, 300], --settings-file [NEO4J_SETTINGS_FILE: more Neo4j
 * settings, neo4j.conf syntax], --no-stdin-watch (do not exit on stdin EOF).
 * Prints {@code NEO4J_READY bolt://127.0.0.1:PORT} when usable. On failure prints one
 * {@code NEO4J_ERROR <kind>: <cause>} line to stderr and exits 2 (port in use), 3 (data dir
 * locked), 4 (bad arguments) or 1 (anything else).
 */
public final class Launcher {
    private static final AtomicReference<DatabaseManagementService> DBMS = new AtomicReference<>();

    public static void main(String[] argv) {
        Map<String, String> opts = parse(argv);
        int port; Path dataDir; String password; long pageCache; Duration txTimeout; Path settings;
        try {
            port = Integer.parseInt(opt(opts, "port", "NEO4J_BOLT_PORT", "7687"));
            dataDir = Path.of(opt(opts, "data-dir", "NEO4J_DATA_DIR", "neo4j-data")).toAbsolutePath().normalize();
            String pwFile = opt(opts, "password-file", "NEO4J_PASSWORD_FILE", null);
            if (pwFile == null) throw new IllegalArgumentException("--password-file (or NEO4J_PASSWORD_FILE) is required");
            password = Files.readString(Path.of(pwFile), StandardCharsets.UTF_8).strip();
            if (password.length() < 8) throw new IllegalArgumentException(pwFile + ": password needs 8+ characters");
            pageCache = ByteUnit.parse(opt(opts, "pagecache", "NEO4J_PAGECACHE", "256m"));
            txTimeout = Duration.ofSeconds(Long.parseLong(opt(opts, "tx-timeout", "NEO4J_TX_TIMEOUT", "300").replaceAll("s$", "")));
            String settingsFile = opt(opts, "settings-file", "NEO4J_SETTINGS_FILE", null);
            settings = settingsFile == null ? null : Path.of(settingsFile);
            Files.createDirectories(dataDir);
        } catch (Exception e) {
            throw fail(4, "bad-arguments", String.valueOf(e.getMessage()));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DatabaseManagementService dbms = DBMS.getAndSet(null);
            if (dbms != null) dbms.shutdown();
        }, "neo4j-shutdown"));
        if (!opts.containsKey("no-stdin-watch")) {
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read(new byte[256]) != -1) { /* discard until EOF */ }
                } catch (IOException ignored) { /* a broken stdin counts as EOF */ }
                System.exit(0); // parent is gone: the shutdown hook stops Neo4j cleanly
            }, "stdin-eof-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        try {
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(dataDir);
            // Set by name (not in every version): no 2 x 5 s Bolt idle on shutdown, no 2025+ LAN "fleet discovery".
            setIfPresent(builder, GraphDatabaseInternalSettings.class, "netty_server_shutdown_quiet_period", "0");
            setIfPresent(builder, BoltConnector.class, "enable_discovery", "false");
            // The operator's own Neo4j settings (neo4j.conf syntax); the ones below win over them. Neo4j
            // refuses an unknown name or a bad value at start, with the name in its message.
            if (settings != null) builder.loadPropertiesFromFile(settings);
            DatabaseManagementService dbms = builder
                    .setConfig(GraphDatabaseSettings.udc_enabled, false) // no usage reports over the network
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    .setConfig(GraphDatabaseSettings.transaction_timeout, txTimeout)
                    .setConfig(GraphDatabaseSettings.logs_directory, dataDir.resolve("logs"))
                    .build();
            DBMS.set(dbms);
            // The first Cypher statement of a JVM costs seconds, so the password is only set when it differs
            // from the one last applied to this store (marker inside data/, so it goes when the store goes).
            Path applied = dataDir.resolve("data").resolve("password-applied.sha256");
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
            if (!Files.exists(applied) || !Files.readString(applied).strip().equals(digest)) {
                try {
                    dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                            "ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
                } catch (RuntimeException e) { // Neo4j refuses "new == old", which is fine
                    if (!chain(e).toLowerCase().contains("cannot be the same")) throw e;
                }
                Files.writeString(applied, digest + "\n");
            }
            System.out.println("NEO4J_READY bolt://127.0.0.1:" + port); // System.out autoflushes on println
        } catch (Throwable e) {
            String all = chain(e);
            if (all.contains(BindException.class.getName()) || all.contains("already in use"))
                throw fail(2, "port-in-use", "127.0.0.1:" + port + " is already in use");
            if (all.contains("FileLockException") || all.contains("locked by another process") || all.contains("store_lock"))
                throw fail(3, "data-dir-locked", dataDir + " is locked by another Neo4j process");
            throw fail(1, "start-failed", rootMessage(e));
        }
    }

    private static Error fail(int code, String kind, String msg) {
        System.err.println("NEO4J_ERROR " + kind + ": " + msg.replace('\n', ' '));
        System.exit(code);
        return new Error("unreachable");
    }

    @SuppressWarnings("unchecked")
    private static void setIfPresent(DatabaseManagementServiceBuilder b, Class<?> holder, String field, String value) {
        try {
            Setting<Object> s = (Setting<Object>) holder.getField(field).get(null);
            b.setConfig(s, ((SettingImpl<Object>) s).parse(value));
        } catch (ReflectiveOperationException | RuntimeException ignored) { /* not in this Neo4j version */ }
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) continue;
            int eq = a.indexOf('=');
            if (eq > 0) m.put(a.substring(2, eq), a.substring(eq + 1));
            else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) m.put(a.substring(2), argv[++i]);
            else m.put(a.substring(2), "true");
        }
        return m;
    }

    private static String opt(Map<String, String> opts, String name, String env, String dflt) {
        String v = opts.get(name);
        if (v == null || v.isBlank()) v = System.getenv(env);
        return v == null || v.isBlank() ? dflt : v;
    }

    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append(" | ");
        return sb.toString();
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
