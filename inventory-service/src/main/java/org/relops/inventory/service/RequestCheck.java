package org.relops.inventory.service;

import java.util.HashSet;
import java.util.List;

import org.relops.model.event.RequestSubmitted;
import org.relops.model.value.Hostname;

/** What a {@code request.submitted} event must hold before it can be placed. */
final class RequestCheck {

    private RequestCheck() {
    }

    /** Throws {@link MalformedRequestException} saying what is wrong with the event. */
    static void requireWellFormed(RequestSubmitted request) {
        if (request.requestId() == null || request.requestId().isBlank()) {
            throw new MalformedRequestException("request.submitted has no requestId");
        }
        if (request.count() < 1) {
            throw new MalformedRequestException("request " + request.requestId() + " asks for " + request.count()
                    + " machines; at least 1 is needed");
        }
        List<String> hostnames = request.hostnames() == null ? List.of() : request.hostnames();
        if (hostnames.size() != request.count()) {
            throw new MalformedRequestException("request " + request.requestId() + " asks for " + request.count()
                    + " machines but names " + hostnames.size() + " hostnames");
        }
        if (!hostnames.stream().allMatch(Hostname::isValid)) {
            throw new MalformedRequestException("request " + request.requestId()
                    + " has a hostname that is not a DNS label");
        }
        if (new HashSet<>(hostnames).size() != hostnames.size()) {
            throw new MalformedRequestException("request " + request.requestId() + " names a hostname twice");
        }
        if (request.image() == null || request.image().isBlank()) {
            throw new MalformedRequestException("request " + request.requestId() + " has no image");
        }
    }
}
