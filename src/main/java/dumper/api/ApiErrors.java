package dumper.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dumper.config.UnknownType;
import dumper.run.DumperException;

/**
 * Every API error is JSON with one message, and a status that says whose fault it is: the
 * same failures as the command line's exit codes.
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
            return json(404, e.getMessage());
        }
        int status = switch (e.exitCode) {
            case USAGE -> 400;
            case CONFIG -> 422;
            case BUSY -> 409;
            case DATABASE -> 503;
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
        return json(400, "malformed JSON: " + e.getOriginalMessage());
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
        return json(status, status == 404 ? "no such resource; the API is under /api (see /q/openapi)" : e.getMessage());
    }
}
