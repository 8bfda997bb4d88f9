package org.relops.dns.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.relops.model.value.Hostname;

class ServiceNamesTest {

    @Test
    void shouldTakeUnqualifiedNamesWithIpv4Addresses() {
        ServiceNames names = ServiceNames.of(Map.of("slavealloc", "10.254.0.1", "Boot", " 10.254.0.2 "));

        assertThat(names.addresses().keySet(), contains(new Hostname("boot"), new Hostname("slavealloc")));
        assertThat(names.addresses().get(new Hostname("boot")).getHostAddress(), equalTo("10.254.0.2"));
    }

    @Test
    void shouldRefuseANameThatIsNotOneDnsLabelNamingItsKey() {
        for (String bad : new String[] {"slave_alloc", "slavealloc.example", "-boot"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ServiceNames.of(Map.of(bad, "10.254.0.1")));

            assertThat(refused.getMessage(), containsString("relops.dns.zone.service-names.\"" + bad + "\": "));
        }
    }

    @Test
    void shouldRefuseAValueThatIsNotAnIpv4AddressNamingItsKey() {
        for (String bad : new String[] {"fd00::1", "10.254.0", "10.254.0.256", "boot.example", ""}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ServiceNames.of(Map.of("slavealloc", bad)));

            assertThat(refused.getMessage(), equalTo("relops.dns.zone.service-names.\"slavealloc\": '" + bad
                    + "' is not an IPv4 address"));
        }
    }

    @Test
    void shouldRefuseTheSameNameTwiceInAnyCase() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ServiceNames.of(Map.of("boot", "10.254.0.1", "BOOT", "10.254.0.2")));

        assertThat(refused.getMessage(), containsString("configured twice"));
    }
}
