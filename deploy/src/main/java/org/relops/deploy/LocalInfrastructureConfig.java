package org.relops.deploy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the local infrastructure keeps its data and which ports and names it serves. Built from
 * command-line options ({@code --postgres-port 15432}), which win over environment variables
 * ({@code RELOPS_EMBEDDED_PG_PORT}), which win over the defaults.
 *
 * @param directory       root of all state; PostgreSQL data, broker store and ready file live below it
 * @param postgresPort    TCP port of the embedded PostgreSQL, on 127.0.0.1
 * @param amqpPort        TCP port of the embedded AMQP 0-9-1 broker, on 127.0.0.1
 * @param virtualHosts    broker virtual hosts to create; the first one also answers clients asking for "/"
 * @param databaseUser    role owning the databases (the role the services log in as)
 * @param databasePassword that role's password
 * @param databases       databases to create, owned by {@code databaseUser}
 * @param binariesDirectory where the PostgreSQL binaries are unpacked (~60 MB, reused across starts)
 */
public record LocalInfrastructureConfig(Path directory, int postgresPort, int amqpPort, List<String> virtualHosts,
        String databaseUser, String databasePassword, List<String> databases, Path binariesDirectory) {

    public static final String DEFAULT_DIRECTORY = ".relops/local";
    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_AMQP_PORT = 5673;
    public static final String DEFAULT_VIRTUAL_HOST = "relops-local";
    public static final List<String> DEFAULT_DATABASES = List.of(
            "relops_inventory", "relops_request", "relops_imaging", "relops_dns", "relops_slavealloc");

    /** Broker user; the services' default bus credentials. */
    public static final String BROKER_USER = "guest";
    public static final String BROKER_PASSWORD = "guest";

    /** Names end up in SQL identifiers and in the broker's JSON configuration: keep them plain. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}");

    /** Environment variable and command-line option of each setting (the names scripts/stack.sh uses). */
    enum Setting {
        STATE_DIRECTORY("RELOPS_STATE_DIR", "--state-dir"),
        POSTGRES_PORT("RELOPS_EMBEDDED_PG_PORT", "--postgres-port"),
        AMQP_PORT("RELOPS_EMBEDDED_BUS_PORT", "--amqp-port"),
        VIRTUAL_HOSTS("RELOPS_BUS_VHOST", "--vhost"),
        DATABASES("RELOPS_EMBEDDED_DATABASES", "--databases"),
        BINARIES_DIRECTORY("RELOPS_EMBEDDED_PG_BINARIES_DIR", "--postgres-binaries-dir"),
        DATABASE_USER("RELOPS_DB_USER", "--db-user"),
        DATABASE_PASSWORD("RELOPS_DB_PASSWORD", "--db-password");

        final String environmentVariable;
        final String option;

        Setting(String environmentVariable, String option) {
            this.environmentVariable = environmentVariable;
            this.option = option;
        }

        static Setting ofOption(String option) {
            return Arrays.stream(values())
                    .filter(setting -> setting.option.equals(option))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown option '" + option + "'; known: "
                            + Arrays.stream(values()).map(setting -> setting.option).toList()));
        }
    }

    public LocalInfrastructureConfig {
        directory = directory.toAbsolutePath().normalize();
        binariesDirectory = binariesDirectory.toAbsolutePath().normalize();
        virtualHosts = List.copyOf(virtualHosts);
        databases = List.copyOf(databases);
        requirePort(postgresPort, "PostgreSQL port");
        requirePort(amqpPort, "AMQP port");
        if (postgresPort == amqpPort) {
            throw new IllegalArgumentException("PostgreSQL and AMQP cannot share port " + postgresPort);
        }
        if (virtualHosts.isEmpty()) {
            throw new IllegalArgumentException("at least one virtual host is needed");
        }
        virtualHosts.forEach(name -> requirePlainName(name, "virtual host"));
        databases.forEach(name -> requirePlainName(name, "database"));
        requirePlainName(databaseUser, "database user");
    }

    /** The defaults, rooted at {@code directory}, with the given ports. */
    public static LocalInfrastructureConfig defaults(Path directory, int postgresPort, int amqpPort) {
        return new LocalInfrastructureConfig(directory, postgresPort, amqpPort, List.of(DEFAULT_VIRTUAL_HOST),
                "relops", "relops", DEFAULT_DATABASES, directory.resolve("postgres-binaries"));
    }

    /**
     * Reads the settings from {@code args} ({@code --option value} or {@code --option=value}), then
     * {@code environment}, then the defaults.
     */
    public static LocalInfrastructureConfig from(String[] args, Map<String, String> environment) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String value = environment.get(setting.environmentVariable);
            if (value != null && !value.isBlank()) {
                values.put(setting, value.trim());
            }
        }
        values.putAll(options(args));
        Path directory = Path.of(values.getOrDefault(Setting.STATE_DIRECTORY, DEFAULT_DIRECTORY));
        return new LocalInfrastructureConfig(
                directory,
                port(values, Setting.POSTGRES_PORT, DEFAULT_POSTGRES_PORT),
                port(values, Setting.AMQP_PORT, DEFAULT_AMQP_PORT),
                list(values, Setting.VIRTUAL_HOSTS, List.of(DEFAULT_VIRTUAL_HOST)),
                values.getOrDefault(Setting.DATABASE_USER, "relops"),
                values.getOrDefault(Setting.DATABASE_PASSWORD, "relops"),
                list(values, Setting.DATABASES, DEFAULT_DATABASES),
                values.containsKey(Setting.BINARIES_DIRECTORY) ? Path.of(values.get(Setting.BINARIES_DIRECTORY))
                        : directory.resolve("postgres-binaries"));
    }

    private static Map<Setting, String> options(String[] args) {
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (equals > 0) {
                options.put(Setting.ofOption(arg.substring(0, equals)), arg.substring(equals + 1).trim());
            } else if (i + 1 < args.length) {
                options.put(Setting.ofOption(arg), args[++i].trim());
            } else {
                throw new IllegalArgumentException("option '" + arg + "' needs a value");
            }
        }
        return options;
    }

    public Path postgresDataDirectory() {
        return directory.resolve("postgres");
    }

    public Path brokerWorkDirectory() {
        return directory.resolve("qpid");
    }

    public Path readyFile() {
        return directory.resolve("infra.ready");
    }

    public Path lockFile() {
        return directory.resolve("infra.lock");
    }

    /** One line for people and scripts: what runs where. */
    public String describe() {
        return "postgres 127.0.0.1:%d, amqp 127.0.0.1:%d vhost %s".formatted(
                postgresPort, amqpPort, String.join(",", virtualHosts));
    }

    private static int port(Map<Setting, String> values, Setting setting, int fallback) {
        String value = values.get(setting);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting.option + " is not a port number: '" + value + "'", e);
        }
    }

    private static List<String> list(Map<Setting, String> values, Setting setting, List<String> fallback) {
        String value = values.get(setting);
        if (value == null) {
            return fallback;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static void requirePort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " out of range: " + port);
        }
    }

    private static void requirePlainName(String name, String what) {
        if (name == null || !PLAIN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name
                    + "' must be letters, digits, '_', '.', '-' (at most 63)");
        }
    }
}
