package io.counterpower.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.db.Rows;
import io.counterpower.common.paging.Page;
import io.counterpower.common.paging.PageRequest;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The outbox of webhook deliveries, which is also their log. Rows are written in the transaction
 * that found the change ({@link #enqueue}); delivery workers of any instance claim due rows with
 * {@code FOR UPDATE SKIP LOCKED}, so two workers never hold the same row, and record each attempt.
 */
@ApplicationScoped
class WebhookOutbox {
    static final Set<String> STATES = Set.of("pending", "sending", "delivered", "failed", "cancelled");

    /** A delivery a worker has claimed, with what it needs to send it. */
    record Claimed(long id, long watchId, UUID eventId, String eventType, String payload, int attempt, String url,
                   String secretCiphertext, boolean publicReceiverOnly) {
    }

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    WatchesConfig config;
    @Inject
    ProjectService projects;

    /** Writes one delivery in the caller's transaction; returns its event id. */
    UUID enqueue(long watchId, Long projectId, String eventType, Map<String, Object> payload, UUID eventId) {
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a webhook payload", e);
        }
        em.createNativeQuery("""
                        insert into webhook_delivery (watch_id, project_id, event_id, event_type, payload)
                        values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, watchId).setParameter(2, projectId).setParameter(3, eventId)
                .setParameter(4, eventType).setParameter(5, body).executeUpdate();
        return eventId;
    }

    /**
     * Claims the delivery that has been due longest and that no other worker holds, and counts the
     * attempt; commits at once, so the claim is visible to every instance while the request runs.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Claimed> claim(String worker) {
        List<?> rows = em.createNativeQuery("""
                        update webhook_delivery d set state = 'sending', claimed_by = ?1, claimed_at = now(), attempts = d.attempts + 1
                        from watch w
                        where d.id = (select id from webhook_delivery where state = 'pending' and next_attempt_at <= now()
                                      order by next_attempt_at, id for update skip locked limit 1)
                          and w.id = d.watch_id
                        returning d.id, d.watch_id, d.event_id, d.event_type, d.payload, d.attempts, w.url, w.secret_ciphertext,
                                  w.public_receiver_only""")
                .setParameter(1, worker).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new Claimed(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (UUID) r[2], (String) r[3],
                (String) r[4], ((Number) r[5]).intValue(), (String) r[6], (String) r[7], (Boolean) r[8]));
    }

    /**
     * Records an attempt and decides what follows: delivered, due again after the backoff, or
     * failed after the last attempt. Only the worker that still holds the claim moves the row.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void recordAttempt(Claimed d, String worker, Integer status, String error, long durationMillis) {
        em.createNativeQuery("""
                        insert into webhook_attempt (delivery_id, attempt, worker, status, error, duration_ms)
                        values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing""")
                .setParameter(1, d.id()).setParameter(2, d.attempt()).setParameter(3, worker).setParameter(4, status)
                .setParameter(5, error).setParameter(6, durationMillis).executeUpdate();
        boolean delivered = status != null && status >= 200 && status < 300;
        String sql;
        if (delivered) {
            sql = "update webhook_delivery set state = 'delivered', delivered_at = now(), last_status = ?1, last_error = null, "
                    + "claimed_by = null where id = ?2 and state = 'sending' and claimed_by = ?3";
        } else if (d.attempt() >= config.maxAttempts()) {
            sql = "update webhook_delivery set state = 'failed', last_status = ?1, last_error = ?4, claimed_by = null "
                    + "where id = ?2 and state = 'sending' and claimed_by = ?3";
        } else {
            sql = "update webhook_delivery set state = 'pending', last_status = ?1, last_error = ?4, claimed_by = null, "
                    + "next_attempt_at = now() + (?5 * interval '1 millisecond') where id = ?2 and state = 'sending' and claimed_by = ?3";
        }
        var q = em.createNativeQuery(sql).setParameter(1, status).setParameter(2, d.id()).setParameter(3, worker);
        if (!delivered) {
            q.setParameter(4, error != null ? error : "The receiver answered " + status);
        }
        if (!delivered && d.attempt() < config.maxAttempts()) {
            q.setParameter(5, backoff(d.attempt()).toMillis());
        }
        q.executeUpdate();
    }

    /** The wait after the n-th failed attempt: initial × 2^(n-1), capped. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff();
        for (int i = 1; i < attempt && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    /**
     * Makes deliveries due again whose claim is older than the lease: the instance that was sending
     * them stopped. The receiver may have had the request, so it can see the event twice, with the
     * same event id (at least once; receivers deduplicate by Counterpower-Event-Id).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int releaseAbandoned() {
        return em.createNativeQuery("""
                        update webhook_delivery set state = 'pending', next_attempt_at = now(), claimed_by = null,
                               last_error = 'The instance sending it stopped before it recorded the answer; sent again'
                        where state = 'sending' and claimed_at < now() - (?1 * interval '1 millisecond')""")
                .setParameter(1, config.claimLease().toMillis()).executeUpdate();
    }

    /** Cancels a claimed delivery whose watch was deleted meanwhile. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void cancel(long id, String reason) {
        em.createNativeQuery("update webhook_delivery set state = 'cancelled', last_error = ?1, claimed_by = null where id = ?2")
                .setParameter(1, reason).setParameter(2, id).executeUpdate();
    }

    /** A manual redelivery: a new row with the same event id and bytes, due now. */
    @Transactional
    DeliveryView redeliver(long watchId, long deliveryId) {
        List<?> rows = em.createNativeQuery("""
                        insert into webhook_delivery (watch_id, project_id, event_id, event_type, payload, redelivery_of)
                        select watch_id, project_id, event_id, event_type, payload, id from webhook_delivery
                        where id = ?1 and watch_id = ?2
                        returning id""")
                .setParameter(1, deliveryId).setParameter(2, watchId).getResultList();
        if (rows.isEmpty()) {
            throw ApiProblem.notFound("No delivery " + deliveryId + " of watch " + watchId);
        }
        return get(watchId, ((Number) rows.get(0)).longValue());
    }

    DeliveryView get(long watchId, long deliveryId) {
        List<DeliveryView> found = select("where d.watch_id = ?1 and d.id = ?2", List.of(watchId, deliveryId), 1, 0);
        if (found.isEmpty()) {
            throw ApiProblem.notFound("No delivery " + deliveryId + " of watch " + watchId);
        }
        return found.get(0);
    }

    /** The delivery log of a watch, newest first. */
    Page<DeliveryView> list(long watchId, DeliveryListQuery q) {
        String where = "where d.watch_id = ?1" + (q.state() == null ? "" : " and d.state = ?2");
        List<Object> params = q.state() == null ? List.of(watchId) : List.of(watchId, q.state());
        PageRequest page = q.page();
        var count = em.createNativeQuery("select count(*) from webhook_delivery d " + where);
        for (int i = 0; i < params.size(); i++) {
            count.setParameter(i + 1, params.get(i));
        }
        long total = ((Number) count.getSingleResult()).longValue();
        return new Page<>(select(where, params, page.size(), page.offset()), page.page(), page.size(), total);
    }

    private List<DeliveryView> select(String where, List<Object> params, int limit, int offset) {
        var q = em.createNativeQuery("""
                select d.id, d.watch_id, d.project_id, d.event_id, d.event_type, d.state, d.attempts, d.next_attempt_at,
                       d.delivered_at, d.last_status, d.last_error, d.created_at, d.redelivery_of, d.payload
                from webhook_delivery d\s""" + where + " order by d.id desc limit " + limit + " offset " + offset);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        List<DeliveryView> out = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            long id = ((Number) r[0]).longValue();
            String state = (String) r[5];
            Object payload;
            try {
                payload = json.readValue((String) r[13], Object.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A stored webhook payload is not JSON", e);
            }
            out.add(new DeliveryView(id, ((Number) r[1]).longValue(), r[2] == null ? null : projects.slugOf(((Number) r[2]).longValue()),
                    (UUID) r[3], (String) r[4], state, ((Number) r[6]).intValue(),
                    state.equals("pending") ? Rows.instant(r[7]) : null, Rows.instant(r[8]),
                    r[9] == null ? null : ((Number) r[9]).intValue(), (String) r[10], Rows.instant(r[11]),
                    r[12] == null ? null : ((Number) r[12]).longValue(), payload, attempts(id)));
        }
        return out;
    }

    private List<DeliveryView.Attempt> attempts(long deliveryId) {
        List<DeliveryView.Attempt> out = new ArrayList<>();
        for (Object row : em.createNativeQuery("""
                        select attempt, at, worker, status, error, duration_ms from webhook_attempt
                        where delivery_id = ?1 order by attempt""").setParameter(1, deliveryId).getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new DeliveryView.Attempt(((Number) r[0]).intValue(), Rows.instant(r[1]), (String) r[2],
                    r[3] == null ? null : ((Number) r[3]).intValue(), (String) r[4], ((Number) r[5]).longValue()));
        }
        return out;
    }
}
