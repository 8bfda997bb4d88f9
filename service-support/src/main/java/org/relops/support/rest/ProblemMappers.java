package org.relops.support.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.relops.model.envelope.EnvelopeCodec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every error a REST call can end in into a problem-details body. Client mistakes get a 4xx
 * that says what was wrong; anything else a 500 that says nothing of the internals (the stack trace
 * goes to the log only).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String URL_DECODER = "org.jboss.resteasy.reactive.common.util.URLUtils";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(Problem.of(e.status(), e.title(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return respond(Problem.of(400, "Bad Request", describe(e)));
    }

    // The JSON extension maps these two itself; naming them here makes ours the closest match.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        String detail = status.getStatusCode() == 404 ? "no such resource" : e.getMessage();
        return respond(Problem.of(status.getStatusCode(), status.getReasonPhrase(), detail));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        // A value the checks let through but the database cannot store is still the client's mistake.
        var badValue = DatabaseRefusal.ofValue(e);
        if (badValue.isPresent()) {
            return respond(Problem.of(400, "Bad Request", badValue.get()));
        }
        if (isMalformedPercentEncoding(e)) {
            return respond(Problem.of(400, "Bad Request", "the request is not validly percent-encoded (each '%' must"
                    + " start a two-digit hex escape of UTF-8): " + e.getMessage()));
        }
        LOG.error("unexpected error in a REST call", e);
        return respond(Problem.of(500, "Internal Server Error", "the service failed to handle this request; see its log"));
    }

    /** The framework's own decoding of a form body or URL failing on what the client sent. */
    private static boolean isMalformedPercentEncoding(Exception e) {
        if (!(e instanceof IllegalArgumentException)) {
            return false;
        }
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().equals(URL_DECODER) && frame.getMethodName().equals("decode")) {
                return true;
            }
        }
        return false;
    }

    /** A problem-details response, whatever the resource produces. */
    public static Response respond(Problem problem) {
        // Serialised here so that a resource's @Produces(application/json) cannot change the media type.
        String body;
        try {
            body = EnvelopeCodec.JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status() + "}";
        }
        return Response.status(problem.status()).header(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).entity(body).build();
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            if (target != null && target.isEnum()) {
                // say what is allowed, as the API spells it (any case is accepted)
                return "field '" + path(format) + "' has an invalid value '" + format.getValue() + "'; allowed: "
                        + ApiEnums.allowed(target);
            }
            return "field '" + path(format) + "' has an invalid value '" + format.getValue() + "'";
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return "field '" + path(mismatch) + "' has the wrong type";
        }
        return "request body is not valid JSON: " + e.getOriginalMessage();
    }

    private static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
