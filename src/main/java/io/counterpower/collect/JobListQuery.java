package io.counterpower.collect;

import io.counterpower.common.text.Texts;

import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.paging.QueryParams;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A job list request ({@code GET /api/v1/jobs}), parsed once at the edge.
 *
 * @param project the project's slug (an unknown project has no jobs); null: every project
 * @param state   only jobs in this state; null: any
 */
record JobListQuery(String project, String state, PageRequest page) {

    /** The query string as sent. */
    record Params(@RestQuery String project, @RestQuery String state, @RestQuery String page,
                  @RestQuery String size, @RestQuery String sort) {

        /** The page, then the state: the first fault is the answer, as it has always been. */
        JobListQuery query() {
            PageRequest request = PageRequest.parse(page, size, sort, JobService.SORTABLE, "-createdAt");
            String wanted = QueryParams.code(state, "state", s -> {
                if (!JobService.STATES.contains(s)) {
                    throw new IllegalArgumentException("must be one of [failed, queued, running, succeeded]");
                }
                return s;
            });
            return new JobListQuery(Texts.trimmedOrNull(project), wanted, request);
        }
    }
}
