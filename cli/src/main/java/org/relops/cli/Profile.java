package org.relops.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A saved RelOps environment, {@code <config>/profiles/NAME.properties} ({@code <config>} is
 * {@code $RELOPS_CONFIG_DIR}, else {@code ~/.config/relops}): where its services answer and which file holds the
 * operator's token, so that {@code relops --profile staging ...} needs neither {@code --url} nor a token in the
 * shell. Keys: {@code url} (request-service), {@code inventory-url}, {@code imaging-url}, {@code dns-url},
 * {@code slavealloc-url}, {@code token-file}. The token itself is never in the profile.
 */
record Profile(String name, Properties values) {

    /** The profile of that name, or an error that says where it looked and which profiles there are. */
    static Profile load(String name) throws IOException {
        Path directory = directory();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("--profile '" + name + "' is not a profile name (letters, digits, "
                    + ". _ -)");
        }
        Path file = directory.resolve(name + ".properties");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no profile '" + name + "': " + file + " does not exist (profiles "
                    + "there: " + known(directory) + ")");
        }
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            values.load(reader);
        }
        return new Profile(name, values);
    }

    /** A service's base URL in the profile: {@code url} for request-service, {@code <service>-url} for the others. */
    Optional<String> url(ServiceOptions.Service service) {
        String key = service == ServiceOptions.Service.request ? "url" : service.name() + "-url";
        return Optional.ofNullable(values.getProperty(key)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** The token in the profile's {@code token-file}, if it names one. */
    Optional<String> token() {
        String file = values.getProperty("token-file");
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(file.strip().replaceFirst("^~(?=/)", System.getProperty("user.home")));
        try {
            return Optional.of(Files.readString(path).strip());
        } catch (IOException e) {
            throw new IllegalArgumentException("profile '" + name + "': cannot read its token-file " + path + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static Path directory() {
        String configured = System.getenv("RELOPS_CONFIG_DIR");
        return configured != null && !configured.isBlank() ? Path.of(configured, "profiles")
                : Path.of(System.getProperty("user.home"), ".config", "relops", "profiles");
    }

    private static String known(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return "none";
        }
        try (Stream<Path> files = Files.list(directory)) {
            String names = String.join(", ", files.map(path -> path.getFileName().toString())
                    .filter(file -> file.endsWith(".properties")).map(file -> file.substring(0, file.length() - 11))
                    .sorted().toList());
            return names.isEmpty() ? "none" : names;
        }
    }
}
