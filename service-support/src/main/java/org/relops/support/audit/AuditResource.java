package org.relops.support.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relops.model.auth.Roles;
import org.relops.support.rest.ListPage;
import org.relops.support.rest.PageParams;
import org.relops.support.rest.ProblemException;

/** Every service's audit trail over REST: who changed what, when and why. */
@RolesAllowed(Roles.VIEWER)
@Path("/v1/audit")
public class AuditResource {

    @Inject
    AuditTrail trail;

    @GET
    @Operation(summary = "Changes made through this service's API, newest first: of a subject and everything under it "
            + "(e.g. subject=image/releng-talos-linux64), of one actor, or all; each with when, who, what and why")
    public ListPage<AuditView> list(@QueryParam("subject") String subject, @QueryParam("actor") String actor,
            @BeanParam PageParams page) {
        return trail.find(blankToNull(subject), blankToNull(actor), page);
    }

    private static String blankToNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("subject and actor are names: no control characters");
        }
        return text.strip();
    }
}
