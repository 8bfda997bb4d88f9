package org.relops.dns.rest;

import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.dns.DnsRecord;
import org.relops.dns.zone.ZoneNames;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;
import org.relops.support.rest.ProblemException;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** The records of the environment's zones (the SOA and apex NS records are in {@code /v1/zone}). */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/records")
@Produces(MediaType.APPLICATION_JSON)
public class RecordResource {

    @Inject
    ZoneNames names;

    @GET
    @Operation(summary = "Records by name, then type, then data, optionally of one type and/or one owner "
            + "(machine:<host>, alias:<name>, service:<name>, update:<key>)")
    public ListPage<RecordView> listRecords(@QueryParam("type") String type, @QueryParam("owner") String owner,
            @BeanParam PageParams page) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (type != null && !type.isBlank()) {
            String mnemonic = type.trim().toUpperCase(Locale.ROOT);
            if (Type.value(mnemonic) < 0) {
                throw ProblemException.badRequest("unknown record type '" + type + "'");
            }
            query.append(" and type = :type");
            parameters.and("type", mnemonic);
        }
        if (owner != null && !owner.isBlank()) {
            query.append(" and owner = :owner");
            parameters.and("owner", owner.trim());
        }
        return ListPage.of(DnsRecord.<DnsRecord>find(query.toString(), Sort.by("name").and("type").and("data"),
                parameters), page, RecordView::of);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "The records at one name, by type, then data", description = "A name without a dot is in "
            + "the forward zone (bld-linux64-0001); a name with dots is fully qualified. 404 when it has no records.")
    public ListPage<RecordView> getRecords(@PathParam("name") String name, @BeanParam PageParams page) {
        Name parsed;
        try {
            parsed = names.resolve(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        if (names.zoneOf(parsed).isEmpty()) {
            throw ProblemException.notFound(name + " is in none of this service's zones");
        }
        ListPage<RecordView> records = ListPage.of(DnsRecord.findByName(ZoneNames.text(parsed)), page, RecordView::of);
        // Only a name with no records at all is missing: a page past the end of them is an empty page.
        if (records.total() == 0) {
            throw ProblemException.notFound("no records at " + ZoneNames.fqdn(parsed));
        }
        return records;
    }
}
