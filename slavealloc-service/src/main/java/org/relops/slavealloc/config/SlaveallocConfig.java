package org.relops.slavealloc.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** slavealloc-service's own settings ({@code relops.slavealloc.*}). */
@ConfigMapping(prefix = "relops.slavealloc")
public interface SlaveallocConfig {

    /** A dump imported insert-only at start: {@code classpath:<resource>} or a file path. */
    Optional<String> seed();

    /** How relops' own machines become slaves. */
    Registration registration();

    /** The key slave passwords are encrypted with. */
    Secrets secrets();

    /** Who is served a tac. */
    Tac tac();

    /** The buildbot masters relops boots, and how their answers are checked. */
    Buildbot buildbot();

    interface Buildbot {

        /** The image role of a buildbot master: a machine booted with it is registered as a master. */
        @WithDefault("buildbot-master")
        String masterRole();

        /** The port of a relops master's REST API and web server. */
        @WithDefault("8010")
        int masterHttpPort();

        /** The port a relops master's workers connect to (Perspective Broker). */
        @WithDefault("9989")
        int masterPbPort();

        /** How often pending checks (a master answering, a worker connected) are looked at. */
        @WithDefault("2s")
        java.time.Duration checkInterval();

        /** How long a check keeps asking before it gives up (the request has its own deadline). */
        @WithDefault("10m")
        java.time.Duration checkDeadline();

        /** The longest wait between two asks of one check (the wait doubles from the check interval). */
        @WithDefault("15s")
        java.time.Duration checkBackoffCap();
    }

    interface Registration {

        /** Role whose attributes a booted slave gets when its image role has no row of its own. */
        @WithDefault("default")
        String fallbackRole();
    }

    interface Secrets {

        /** AES-256 key, base64 of 32 bytes. */
        Optional<String> key();

        /** File holding the key (base64) when {@link #key()} is unset. */
        Optional<Path> keyFile();

        /** Create the key file with a random key when it is missing. */
        @WithDefault("false")
        boolean createKeyFile();
    }

    interface Tac {

        /** CIDR networks from which any slave's tac is served (NAT in front of local VMs). */
        Optional<List<String>> openTo();

        /** Resolve a slave's name in DNS when its address is unknown. */
        @WithDefault("true")
        boolean resolveUnknownAddresses();

        /** How many rendered tacs each replica keeps (slaves that stay on their master); 0 = none. */
        @WithDefault("10000")
        int cacheSize();
    }
}
