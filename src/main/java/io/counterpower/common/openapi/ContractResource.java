package io.counterpower.common.openapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;

/** Serves the hand-written contract byte for byte, as it is in openapi/openapi.yaml. */
@Path("/openapi")
class ContractResource {
    private static final byte[] CONTRACT = load();

    @GET
    @Produces({"application/yaml", "text/yaml", "text/plain"})
    public Response contract() {
        return Response.ok(CONTRACT).type("application/yaml").build();
    }

    private static byte[] load() {
        try (InputStream in = ContractResource.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
