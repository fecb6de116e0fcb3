package dumper.api;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * What the OpenAPI document (and Swagger UI's Authorize button) says about the API as a whole:
 * every operation takes the bearer token of {@code dumper.serve.api-token}.
 */
@OpenAPIDefinition(
        info = @Info(title = "dumper API", version = "1",
                description = "Trigger, watch and cancel dump runs, and download their files. With dumper.serve.api-token set, "
                        + "send it as a bearer token; without one, only clients on the server's own machine are answered "
                        + "(unless dumper.serve.allow-anonymous=true). /q/health and /q/metrics are open."),
        security = @SecurityRequirement(name = ApiDocument.BEARER))
@SecurityScheme(securitySchemeName = ApiDocument.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The value of dumper.serve.api-token")
public class ApiDocument extends Application {

    static final String BEARER = "bearer";
}
