package io.counterpower.watch;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends due deliveries: claims one at a time, posts it signed ({@link WebhookSignature}) and
 * records the answer. A 2xx answer delivers it; anything else, or no answer, schedules a retry.
 * Redirects are not followed: the receiver's URL is the one the watch names.
 */
@ApplicationScoped
public class WebhookSender {
    /** At most this many deliveries per step, so that one step does not hold a scheduler thread for long. */
    static final int PER_STEP = 100;

    @Inject
    WebhookOutbox outbox;
    @Inject
    SigningSecrets secrets;
    @Inject
    WatchesConfig config;

    private volatile HttpClient client;

    /** One step of a delivery worker: releases abandoned claims, then sends what is due. Returns the attempts made. */
    public int sendDue(String worker) {
        int released = outbox.releaseAbandoned();
        if (released > 0) {
            Log.warnf("%d webhook deliveries were abandoned by a stopped instance and are due again", released);
        }
        int attempts = 0;
        while (attempts < PER_STEP) {
            Optional<WebhookOutbox.Claimed> claimed = outbox.claim(worker);
            if (claimed.isEmpty()) {
                break;
            }
            send(claimed.get(), worker);
            attempts++;
        }
        return attempts;
    }

    private void send(WebhookOutbox.Claimed d, String worker) {
        String secret;
        try {
            secret = secrets.decrypt(d.secretCiphertext());
        } catch (RuntimeException e) {
            Log.errorf("Delivery %d cannot be signed: %s", d.id(), e.getMessage());
            outbox.recordAttempt(d, worker, null, "Not sent: the service cannot read the watch's signing secret", 0);
            return;
        }
        long timestamp = Instant.now().getEpochSecond();
        long start = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(config.requestTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Counterpower-Webhooks/1")
                    .header(WebhookSignature.EVENT_ID_HEADER, d.eventId().toString())
                    .header(WebhookSignature.EVENT_TYPE_HEADER, d.eventType())
                    .header(WebhookSignature.DELIVERY_HEADER, String.valueOf(d.id()))
                    .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, d.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8))
                    .build();
            status = client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            error = "No answer from the receiver: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "Interrupted while sending: the instance is stopping";
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        outbox.recordAttempt(d, worker, status, error, millis);
    }

    private HttpClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(config.requestTimeout()).build();
                }
            }
        }
        return client;
    }
}
