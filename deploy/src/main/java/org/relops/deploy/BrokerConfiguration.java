package org.relops.deploy;

import java.util.stream.Collectors;

/**
 * Renders the initial configuration of the embedded Qpid Broker-J: one AMQP 0-9-1 port on
 * 127.0.0.1 with the guest user, and one virtual host per configured name, each in its own Derby
 * store so durable queues and persistent messages survive a restart. The broker-wide part is
 * rebuilt from this on every start (ports and users follow the settings); the stores are kept.
 * PLAIN login is allowed without TLS: Qpid refuses it by default, AMQP 0-9-1 clients use it, and
 * the port listens on loopback only.
 */
final class BrokerConfiguration {

    /**
     * Qpid refuses RabbitMQ-only queue arguments ({@code x-queue-type}, {@code x-delivery-limit}) and
     * closes the connection; on this port it ignores them instead, as a RabbitMQ-minded client expects.
     */
    static final String LENIENT_DECLARE = "queue.behaviourOnUnknownDeclareArgument";

    private BrokerConfiguration() {
    }

    static String render(LocalInfrastructureConfig config) {
        String nodes = config.virtualHosts().stream()
                .map(name -> virtualHostNode(name, name.equals(config.virtualHosts().get(0))))
                .collect(Collectors.joining(",\n"));
        return """
                {
                  "name": "relops-local",
                  "modelVersion": "8.0",
                  "authenticationproviders": [ {
                    "name": "plain",
                    "type": "Plain",
                    "secureOnlyMechanisms": [],
                    "users": [ { "name": "%s", "type": "managed", "password": "%s" } ]
                  } ],
                  "ports": [ {
                    "name": "AMQP",
                    "port": %d,
                    "bindingAddress": "127.0.0.1",
                    "protocols": [ "AMQP_0_9_1" ],
                    "authenticationProvider": "plain",
                    "virtualhostaliases": [
                      { "name": "nameAlias", "type": "nameAlias" },
                      { "name": "defaultAlias", "type": "defaultAlias" }
                    ],
                    "context": { "%s": "IGNORE" }
                  } ],
                  "virtualhostnodes": [
                %s
                  ]
                }
                """.formatted(LocalInfrastructureConfig.BROKER_USER, LocalInfrastructureConfig.BROKER_PASSWORD,
                config.amqpPort(), LENIENT_DECLARE, nodes);
    }

    private static String virtualHostNode(String name, boolean isDefault) {
        // "ProvidedStore": the virtual host keeps its messages in the node's Derby store.
        return """
                    {
                      "name": "%1$s",
                      "type": "DERBY",
                      "storePath": "${qpid.work_dir}${file.separator}%1$s",
                      "defaultVirtualHostNode": %2$b,
                      "virtualHostInitialConfiguration": "{\\"type\\": \\"ProvidedStore\\"}"
                    }""".formatted(name, isDefault);
    }
}
