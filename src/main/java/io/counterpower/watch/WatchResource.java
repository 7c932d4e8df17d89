package io.counterpower.watch;

import io.counterpower.common.paging.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

@Path("/api/v1/watches")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class WatchResource {
    @Inject
    WatchService watches;
    @Inject
    WebhookOutbox outbox;

    @POST
    public Response create(WatchInput in) {
        WatchView created = watches.create(in);
        return Response.created(URI.create("/api/v1/watches/" + created.id())).entity(created).build();
    }

    @GET
    public Page<WatchView> list(@BeanParam WatchListQuery.Params params) {
        return watches.list(params.query());
    }

    @GET
    @Path("/{id}")
    public WatchView get(@PathParam("id") long id) {
        return watches.get(id);
    }

    @PUT
    @Path("/{id}")
    public WatchView replace(@PathParam("id") long id, WatchInput in) {
        return watches.replace(id, in);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        watches.delete(id);
        return Response.noContent().build();
    }

    /** The delivery log of a watch, newest first. */
    @GET
    @Path("/{id}/deliveries")
    public Page<DeliveryView> deliveries(@PathParam("id") long id, @BeanParam DeliveryListQuery.Params params) {
        watches.visible(id);
        return outbox.list(id, params.query());
    }

    @GET
    @Path("/{id}/deliveries/{deliveryId}")
    public DeliveryView delivery(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        watches.visible(id);
        return outbox.get(id, deliveryId);
    }

    /** Sends a delivery again, as a new delivery of the same event (same event id and body). */
    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    public Response redeliver(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        watches.visible(id);
        DeliveryView copy = outbox.redeliver(id, deliveryId);
        return Response.accepted(copy).location(URI.create("/api/v1/watches/" + id + "/deliveries/" + copy.id())).build();
    }
}
