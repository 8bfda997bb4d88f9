package org.relops.testing.fuzz;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a service's fuzz run may and may not send beyond its OpenAPI document: headers on every request,
 * values worth trying besides hostile ones (by parameter name), query values pinned per operation (e.g. an
 * import kept a dry run), operations that must only ever get a body that cannot be read (so they can never
 * act), and refusals a documented wire format gives in plain text.
 */
final class FuzzRules {

    final Map<String, String> headers = new LinkedHashMap<>();
    final Map<String, List<String>> examples = new HashMap<>();
    final Map<String, Map<String, String>> pinnedQuery = new HashMap<>();
    final Set<String> unreadableBodiesOnly = new HashSet<>();
    final Map<String, PlainRefusal> plainRefusals = new HashMap<>();

    /** A refusal an operation's documented wire format gives as plain text, not as a problem. */
    record PlainRefusal(int status, String body) {
    }

    boolean isDocumentedPlainRefusal(ApiOperation operation, int status, String body) {
        PlainRefusal refusal = plainRefusals.get(operation.key());
        return refusal != null && refusal.status() == status && refusal.body().equals(body);
    }

    Map<String, String> pinnedQueryOf(ApiOperation operation) {
        return pinnedQuery.getOrDefault(operation.key(), Map.of());
    }

    boolean unreadableBodiesOnly(ApiOperation operation) {
        return unreadableBodiesOnly.contains(operation.key());
    }
}
