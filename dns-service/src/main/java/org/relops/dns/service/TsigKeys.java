package org.relops.dns.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.relops.dns.config.DnsConfig;
import org.relops.dns.server.TsigKeyring;
import org.relops.dns.zone.ZoneNames;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * Builds the server's TSIG keyring from {@code relops.dns.tsig.*}: each key's secret comes from the
 * environment (through the config value) or from a file (a bare base64 line or a BIND key file). Only key
 * names and algorithms are ever logged; a key without a usable secret is left out, loudly.
 */
@ApplicationScoped
public class TsigKeys {

    private static final Logger LOG = Logger.getLogger(TsigKeys.class);
    private static final Pattern BIND_SECRET = Pattern.compile("secret\\s+\"([^\"]+)\"");
    private static final Pattern BIND_ALGORITHM = Pattern.compile("algorithm\\s+\"?([A-Za-z0-9-]+)\"?");

    @Produces
    @Singleton
    TsigKeyring keyring(DnsConfig config) {
        Map<Name, TSIG> keys = new LinkedHashMap<>();
        config.tsig().forEach((name, key) -> load(name, key).ifPresent(tsig -> keys.put(ZoneNames.absolute(name), tsig)));
        LOG.infof("TSIG keys for dynamic updates and transfers: %s", keys.isEmpty() ? "none" : keys.keySet());
        return TsigKeyring.of(keys);
    }

    private static Optional<TSIG> load(String name, DnsConfig.TsigKey key) {
        String algorithm = key.algorithm();
        String secret = key.secret().orElse(null);
        if (secret == null && key.secretFile().isPresent()) {
            Path file = key.secretFile().get();
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                LOG.errorf("TSIG key %s: cannot read its secret file %s (%s); the key is not used", name, file,
                        e.getClass().getSimpleName());
                return Optional.empty();
            }
            Matcher bindSecret = BIND_SECRET.matcher(text);
            if (bindSecret.find()) {
                secret = bindSecret.group(1);
                Matcher bindAlgorithm = BIND_ALGORITHM.matcher(text);
                if (bindAlgorithm.find()) {
                    algorithm = bindAlgorithm.group(1);
                }
            } else {
                secret = text.strip();
            }
        }
        if (secret == null || secret.isBlank()) {
            LOG.warnf("TSIG key %s has no secret (set relops.dns.tsig.%s.secret or .secret-file); the key is not used",
                    name, name);
            return Optional.empty();
        }
        try {
            Base64.getDecoder().decode(secret.strip());
            return Optional.of(new TSIG(TSIG.algorithmToName(algorithm), ZoneNames.absolute(name), secret.strip()));
        } catch (IllegalArgumentException e) {
            // The message of a decoding error can quote the secret: say only which key is wrong.
            LOG.errorf("TSIG key %s: its secret is not base64 or its algorithm '%s' is unknown; the key is not used",
                    name, algorithm);
            return Optional.empty();
        }
    }
}
