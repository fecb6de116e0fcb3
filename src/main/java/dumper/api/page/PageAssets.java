package dumper.api.page;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The page's stylesheet and script, from the application itself (no CDN, no build step), served
 * through the same filter as the page.
 */
@Path("/static")
public class PageAssets {

    private static final Map<String, String> FILES = Map.of("page.css", "text/css; charset=utf-8", "page.js",
            "text/javascript; charset=utf-8");

    @GET
    @Path("{name}")
    @Operation(hidden = true)
    public Response asset(@PathParam("name") String name) throws IOException {
        String type = FILES.get(name);
        if (type == null) {
            return Response.status(404).build();
        }
        try (InputStream in = PageAssets.class.getResourceAsStream("/page/" + name)) {
            return Response.ok(in.readAllBytes(), type).header("Cache-Control", "max-age=300").build();
        }
    }
}
