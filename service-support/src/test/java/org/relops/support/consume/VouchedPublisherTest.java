package org.relops.support.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.relops.model.Bus;

import com.rabbitmq.client.AMQP;

/** The publisher a message was vouched for stays its publisher when a service puts it back, and only then. */
class VouchedPublisherTest {

    private static final String SERVICE = "relops-request";

    @Test
    void shouldKeepThePublisherAcrossRepublishingByTheService() {
        AMQP.BasicProperties original = new AMQP.BasicProperties.Builder().userId("buildbot").build();

        AMQP.BasicProperties putBack = VouchedPublisher.republished(original, Map.of(Bus.ATTEMPTS_HEADER, 2), SERVICE);
        AMQP.BasicProperties replayed = VouchedPublisher.republished(putBack, putBack.getHeaders(), SERVICE);

        assertEquals(SERVICE, replayed.getUserId());
        assertEquals("buildbot", VouchedPublisher.of(putBack, SERVICE));
        assertEquals("buildbot", VouchedPublisher.of(replayed, SERVICE));
        assertEquals(2, replayed.getHeaders().get(Bus.ATTEMPTS_HEADER));
    }

    @Test
    void shouldNotMakeTheServiceThePublisherOfAnAnonymousMessage() {
        AMQP.BasicProperties anonymous = new AMQP.BasicProperties.Builder().build();

        AMQP.BasicProperties putBack = VouchedPublisher.republished(anonymous, Map.of(), SERVICE);

        assertNull(VouchedPublisher.of(anonymous, SERVICE));
        assertNull(VouchedPublisher.of(putBack, SERVICE));
    }

    @Test
    void shouldBelieveTheHeaderOnlyOnTheServicesOwnMessages() {
        AMQP.BasicProperties forged = new AMQP.BasicProperties.Builder().userId("mallory")
                .headers(Map.of(Bus.PUBLISHED_BY_HEADER, "buildbot")).build();
        AMQP.BasicProperties unvouched = new AMQP.BasicProperties.Builder()
                .headers(Map.of(Bus.PUBLISHED_BY_HEADER, "buildbot")).build();
        AMQP.BasicProperties servicesOwn = new AMQP.BasicProperties.Builder().userId(SERVICE).build();

        assertEquals("mallory", VouchedPublisher.of(forged, SERVICE));
        assertNull(VouchedPublisher.of(unvouched, SERVICE));
        assertEquals(SERVICE, VouchedPublisher.of(servicesOwn, SERVICE));
    }
}
