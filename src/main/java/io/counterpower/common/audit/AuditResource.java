package io.counterpower.common.audit;

import io.counterpower.common.auth.Caller;
import io.counterpower.common.paging.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The audit trail of writes. Admin only: unlike facts, it names the keys that wrote them.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
class AuditResource {

    @Inject
    AuditTrail trail;
    @Inject
    Caller caller;

    @GET
    public Page<AuditTrail.AuditEntry> list(@BeanParam AuditListQuery.Params params) {
        caller.requireAdmin();
        return trail.list(params.query());
    }
}
