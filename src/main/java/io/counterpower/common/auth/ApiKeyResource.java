package io.counterpower.common.auth;

import io.counterpower.common.paging.Page;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class ApiKeyResource {

    record CreateApiKey(String name, List<String> scopes) {
    }

    @Inject
    ApiKeyService keys;
    @Inject
    Caller caller;

    @POST
    public Response create(@Valid @NotNull CreateApiKey request) {
        ApiKeyService.Created created = keys.create(request.name(), request.scopes());
        return Response.created(URI.create("/api/v1/api-keys/" + created.key().id))
                .entity(ApiKeyView.from(created.key(), created.secret())).build();
    }

    @GET
    public Page<ApiKeyView> list(@BeanParam ApiKeyListQuery.Params params) {
        caller.requireAdmin();
        return keys.list(params.query()).map(k -> ApiKeyView.from(k, null));
    }

    /** The key making the request: lets a holder check its own scopes. */
    @GET
    @Path("/me")
    public ApiKeyView me() {
        caller.requireKey();
        return ApiKeyView.from(ApiKey.findById(caller.keyId()), null);
    }

    @GET
    @Path("/{id}")
    public ApiKeyView get(@PathParam("id") long id) {
        return ApiKeyView.from(keys.get(id), null);
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") long id, @QueryParam("reason") String reason) {
        keys.revoke(id, reason);
        return Response.noContent().build();
    }
}
