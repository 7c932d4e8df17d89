package io.counterpower.common.audit;

import io.counterpower.common.paging.PageRequest;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.Map;

/**
 * An audit log request ({@code GET /api/v1/audit}), parsed once at the edge.
 *
 * @param entityType only entries about entities of this type, compared as sent (neither trimmed nor checked); null: any
 * @param entityId   only entries about the entity with this id, compared as sent; null: any
 * @param page       the page, newest first (the log is not sortable)
 */
record AuditListQuery(String entityType, String entityId, PageRequest page) {

    /** The query string as sent; a {@code sort} is not read. */
    record Params(@RestQuery String entityType, @RestQuery String entityId, @RestQuery String page,
                  @RestQuery String size) {

        /** Only the page can be wrong; the caller's key is checked before it. */
        AuditListQuery query() {
            return new AuditListQuery(entityType, entityId, PageRequest.parse(page, size, null, Map.of("id", "id"), "-id"));
        }
    }
}
