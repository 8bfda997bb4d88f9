package org.relops.dns.server;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.relops.dns.zone.RecordData;
import org.relops.dns.zone.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

class UpdatePlanTest {

    private static final Name ZONE = Name.fromConstantString("staging.relops.example.");
    private static final Name WEB = Name.fromConstantString("web.staging.relops.example.");
    private static final Name PUPPET = Name.fromConstantString("puppet.staging.relops.example.");

    private final ZoneSnapshot zone = ZoneSnapshot.of(
            new SOARecord(ZONE, DClass.IN, 300, Name.fromConstantString("ns1.staging.relops.example."),
                    Name.fromConstantString("hostmaster.staging.relops.example."), 7, 3600, 600, 1_209_600, 60),
            List.of(new NSRecord(ZONE, DClass.IN, 300, Name.fromConstantString("ns1.staging.relops.example.")),
                    record("web.staging.relops.example.", "A", "10.0.0.1"),
                    record("puppet.staging.relops.example.", "CNAME", "web.staging.relops.example.")));

    @Test
    void shouldAddTheRecordsOfAnUpdate() throws Exception {
        Update update = new Update(ZONE);
        update.add(WEB, Type.TXT, 300, "\"hello\"");

        UpdatePlan.Change change = UpdatePlan.plan(received(update), zone);

        assertThat(change.added(), contains(record("web.staging.relops.example.", "TXT", "\"hello\"")));
        assertThat(change.removed(), empty());
    }

    @Test
    void shouldDeleteOneRecordByItsValue() throws Exception {
        Update update = new Update(ZONE);
        update.delete(WEB, Type.A, "10.0.0.1");

        UpdatePlan.Change change = UpdatePlan.plan(received(update), zone);

        assertThat(change.removed(), contains(record("web.staging.relops.example.", "A", "10.0.0.1")));
    }

    @Test
    void shouldRefuseWhenANameThatMustExistDoesNot() throws Exception {
        Update update = new Update(ZONE);
        update.present(Name.fromConstantString("nobody.staging.relops.example."));
        update.add(WEB, Type.TXT, 300, "\"x\"");

        assertThat(refusal(update), equalTo(Rcode.NXDOMAIN));
    }

    @Test
    void shouldRefuseWhenANameThatMustNotExistDoes() throws Exception {
        Update update = new Update(ZONE);
        update.absent(WEB);

        assertThat(refusal(update), equalTo(Rcode.YXDOMAIN));
    }

    @Test
    void shouldRefuseWhenAnRRsetDiffersFromThePrerequisite() throws Exception {
        Update update = new Update(ZONE);
        update.present(WEB, Type.A, "10.9.9.9");

        assertThat(refusal(update), equalTo(Rcode.NXRRSET));
    }

    @Test
    void shouldRefuseARecordOutsideTheZone() throws Exception {
        Update update = new Update(ZONE);
        update.add(Name.fromConstantString("www.example.org."), Type.A, 300, "10.0.0.2");

        assertThat(refusal(update), equalTo(Rcode.NOTZONE));
    }

    @Test
    void shouldNotPutOtherDataBesideACname() throws Exception {
        Update update = new Update(ZONE);
        update.add(PUPPET, Type.A, 300, "10.0.0.3");

        assertThat(UpdatePlan.plan(received(update), zone).isEmpty(), equalTo(true));
    }

    @Test
    void shouldLeaveTheSoaAndApexNameServersToTheServer() throws Exception {
        Update update = new Update(ZONE);
        update.delete(ZONE, Type.NS);
        update.delete(ZONE, Type.SOA);
        update.add(ZONE, Type.NS, 300, "ns9.example.org.");

        assertThat(UpdatePlan.plan(received(update), zone).isEmpty(), equalTo(true));
    }

    @Test
    void shouldDeleteEverythingAtANameButKeepTheApex() throws Exception {
        Update update = new Update(ZONE);
        update.delete(WEB);
        update.delete(ZONE);

        UpdatePlan.Change change = UpdatePlan.plan(received(update), zone);

        assertThat(change.removed(), contains(record("web.staging.relops.example.", "A", "10.0.0.1")));
    }

    private int refusal(Update update) throws IOException {
        Message received = received(update);
        return assertThrows(UpdateRefusedException.class, () -> UpdatePlan.plan(received, zone)).rcode();
    }

    /** The update as the server sees it: parsed from the wire. */
    private static Message received(Update update) throws IOException {
        return new Message(update.toWire());
    }

    private static Record record(String name, String type, String data) {
        return new RecordData(name, type, 300, data).toRecord();
    }
}
