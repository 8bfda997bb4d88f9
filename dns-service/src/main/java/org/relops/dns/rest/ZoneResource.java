package org.relops.dns.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.dns.DnsRecord;
import org.relops.dns.service.ZoneLoader;
import org.relops.dns.zone.ZoneFile;
import org.relops.dns.zone.ZoneNames;
import org.relops.dns.zone.ZoneSnapshot;
import org.relops.support.rest.ProblemException;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/** The environment's zones: their SOA and serials, and their export as BIND master files. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/zone")
public class ZoneResource {

    @Inject
    ZoneNames names;

    @Inject
    ZoneLoader loader;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The forward zone, its SOA and name servers, and the reverse zones")
    public ZoneView getZone() {
        ZoneSnapshot forward = snapshot(names.forward());
        SOARecord soa = forward.soa();
        List<ZoneView.ReverseZone> reverse = new ArrayList<>();
        for (Name zone : names.reverse()) {
            ZoneSnapshot snapshot = snapshot(zone);
            reverse.add(new ZoneView.ReverseZone(ZoneNames.fqdn(zone), snapshot.serial(), storedRecords(zone)));
        }
        List<String> nameServers = forward.rrset(forward.origin(), Type.NS).stream()
                .map(ns -> ZoneNames.fqdn(ns.getAdditionalName())).toList();
        return new ZoneView(ZoneNames.fqdn(forward.origin()), soa.getSerial(), ZoneNames.fqdn(soa.getHost()),
                ZoneNames.fqdn(soa.getAdmin()), nameServers, soa.getRefresh(), soa.getRetry(), soa.getExpire(),
                soa.getMinimum(), storedRecords(names.forward()), reverse);
    }

    @GET
    @Path("/export")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "A zone as a BIND master file", description = "The forward zone, or the zone named in "
            + "?zone= (one of the reverse zones).")
    public String exportZone(@QueryParam("zone") String zone) {
        Name origin = zone == null || zone.isBlank() ? names.forward() : parseZone(zone);
        return ZoneFile.write(snapshot(origin));
    }

    private Name parseZone(String zone) {
        Name name;
        try {
            name = ZoneNames.absolute(zone);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        if (!names.all().contains(name)) {
            throw ProblemException.notFound("this service has no zone " + zone + "; its zones are "
                    + names.all().stream().map(ZoneNames::fqdn).toList());
        }
        return name;
    }

    private ZoneSnapshot snapshot(Name zone) {
        return loader.loadZone(zone).orElseThrow(() -> ProblemException.notFound("zone " + ZoneNames.fqdn(zone)
                + " is not set up yet"));
    }

    private static long storedRecords(Name zone) {
        return DnsRecord.count("zone", ZoneNames.text(zone));
    }
}
