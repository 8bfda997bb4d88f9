package org.relops.dns.zone;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class ZoneSnapshotTest {

    private final ZoneNames names = new ZoneNames("staging.relops.example", List.of("10.in-addr.arpa"));
    private final ZoneApex apex = new ZoneApex(names, new ZoneApex.Settings(List.of("ns1"),
            Map.of("ns1", "10.0.0.53"), "hostmaster", 300, 3600, 600, 1_209_600, 60));

    @Test
    void shouldListTheSoaFirstThenTheApexThenTheRest() {
        ZoneSnapshot zone = snapshot(record("web", "A", 300, "10.0.0.1"));

        assertThat(zone.records().stream().map(r -> Type.string(r.getType()) + " " + r.getName()).toList(), contains(
                "SOA staging.relops.example.", "NS staging.relops.example.", "A ns1.staging.relops.example.",
                "A web.staging.relops.example."));
    }

    @Test
    void shouldKnowEmptyNonTerminalsExist() {
        ZoneSnapshot zone = snapshot(record("_http._tcp.web", "TXT", 300, "\"x\""));

        assertThat(zone.exists(names.resolve("_tcp.web.staging.relops.example")), equalTo(true));
        assertThat(zone.exists(names.resolve("other")), equalTo(false));
    }

    @Test
    void shouldGiveAnRRsetOneTtlTheSmallest() {
        ZoneSnapshot zone = snapshot(record("web", "A", 300, "10.0.0.1"), record("web", "A", 60, "10.0.0.2"));

        assertThat(zone.rrset(names.resolve("web"), Type.A).stream().map(Record::getTTL).toList(), contains(60L, 60L));
    }

    @Test
    void shouldUseTheSoaMinimumAsNegativeTtl() {
        assertThat(snapshot().negativeSoa().getTTL(), equalTo(60L));
    }

    @Test
    void shouldReadBackTheMasterFileItWrites() throws Exception {
        ZoneSnapshot zone = snapshot(record("web", "A", 300, "10.0.0.1"), record("txt", "TXT", 300, "\"a b\""));

        ZoneSnapshot read = ZoneFile.read(names.forward(), ZoneFile.write(zone));

        assertThat(read.records(), equalTo(zone.records()));
    }

    private ZoneSnapshot snapshot(Record... records) {
        List<Record> all = new ArrayList<>(apex.apexRecords(names.forward()));
        all.addAll(List.of(records));
        return ZoneSnapshot.of(apex.soa(names.forward(), 5), all);
    }

    private Record record(String name, String type, int ttl, String data) {
        return new RecordData(name + ".staging.relops.example.", type, ttl, data).toRecord();
    }
}
