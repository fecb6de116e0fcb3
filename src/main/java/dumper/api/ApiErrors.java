package dumper.api;

import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dumper.config.UnknownType;
import dumper.core.DumperException;

/**
 * Every API error is JSON with one message, and a status that says whose fault it is: the
 * same failures as the command line's exit codes. Messages speak of the request, never of the
 * classes that read it.
 */
public class ApiErrors {

    @RegisterForReflection
    public record ApiError(int status, String error) {
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, message)).build();
    }

    @ServerExceptionMapper
    public Response dumper(DumperException e) {
        if (e instanceof UnknownType) {
            // The type may have been added to application.properties after this service started:
            // settings are read once, at start-up, so the usual advice alone would not help.
            return json(404, e.getMessage() + "; dumper serve reads application.properties at start-up: "
                    + "after adding or changing a type there, restart the service");
        }
        int status = switch (e.exitCode) {
            case USAGE -> 400;
            case CONFIG -> 422;
            case BUSY -> 409;
            case SCHEMA_CHANGED -> 409;
            case DATABASE, SOURCE_CRITICAL, BROKER -> 503;
            default -> 500;
        };
        return json(status, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return json(404, e.getMessage());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return json(400, describe(e));
    }

    /**
     * Well-formed JSON of the wrong shape (a list for the type, an unknown field): Quarkus maps
     * this subclass itself, with an empty body, unless the application names it.
     */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "no such resource; the API is under /api (see /q/openapi)";
            case 405 -> "this method is not allowed here; /q/openapi lists what each path takes";
            case 406 -> "the API answers in JSON (files as they are); accept application/json";
            case 415 -> "send the request body as JSON, with Content-Type: application/json";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known == null ? "request refused (HTTP " + status + ")" : known.getReasonPhrase().toLowerCase(Locale.ROOT);
            }
        };
        return json(status, message);
    }

    /** What is wrong with a request body, in the words of the request: field names, not Java classes. */
    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return "unknown field \"" + unknown.getPropertyName() + "\"; the fields are " + known;
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = mismatch.getPath().stream().map(JsonMappingException.Reference::getFieldName).filter(Objects::nonNull)
                    .collect(Collectors.joining("."));
            return field.isEmpty() ? "malformed JSON: the body must be an object such as {\"type\":\"zm\"}"
                    : "malformed JSON: field \"" + field + "\" has the wrong type; " + expected(mismatch.getTargetType());
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "malformed JSON" + where + "; send an object such as {\"type\":\"zm\",\"start\":\"2024-01-01\",\"end\":\"2024-01-07\"}";
    }

    private static String expected(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "use true or false";
        }
        return "use a string";
    }
}
