package org.relops.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server run from the binaries packaged in a jar, with its data in a directory
 * that survives restarts. Creates the services' role and databases if they are missing.
 */
final class LocalPostgres implements AutoCloseable {

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts the server (initialising the data directory the first time) and creates role and databases. */
    static LocalPostgres start(LocalInfrastructureConfig config) throws IOException, SQLException {
        Files.createDirectories(config.postgresDataDirectory());
        Files.createDirectories(config.binariesDirectory());
        OrphanedPostmaster.stopIfRunning(config.postgresDataDirectory());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(config.postgresPort())
                .setDataDirectory(config.postgresDataDirectory())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(config.binariesDirectory().toFile())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        LocalPostgres server = new LocalPostgres(postgres);
        try {
            server.ensureRoleAndDatabases(config);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void ensureRoleAndDatabases(LocalInfrastructureConfig config) throws SQLException {
        String role = quoteIdentifier(config.databaseUser());
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            String password = " LOGIN PASSWORD " + quoteLiteral(config.databasePassword());
            if (exists(connection, "select 1 from pg_roles where rolname = ?", config.databaseUser())) {
                statement.execute("ALTER ROLE " + role + password);
            } else {
                statement.execute("CREATE ROLE " + role + password);
            }
            for (String database : config.databases()) {
                if (!exists(connection, "select 1 from pg_database where datname = ?", database)) {
                    statement.execute("CREATE DATABASE " + quoteIdentifier(database) + " OWNER " + role);
                }
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String quoteLiteral(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    /** Stops the server ("fast" shutdown: open sessions are ended, data is flushed). */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
