package io.counterpower.watch;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The signature of a delivery: HMAC-SHA256, keyed with the watch's secret (its UTF-8 bytes), of
 * {@code <timestamp>.<body>}, where the timestamp is the {@code Counterpower-Timestamp} header (Unix
 * seconds). Signing the timestamp with the body is the replay protection: a receiver recomputes
 * the signature, compares it in constant time, and rejects a timestamp older than a few minutes,
 * so a captured request cannot be sent again later with a fresh timestamp.
 */
final class WebhookSignature {
    static final String SIGNATURE_HEADER = "Counterpower-Signature";
    static final String TIMESTAMP_HEADER = "Counterpower-Timestamp";
    static final String EVENT_ID_HEADER = "Counterpower-Event-Id";
    static final String EVENT_TYPE_HEADER = "Counterpower-Event-Type";
    static final String DELIVERY_HEADER = "Counterpower-Delivery";

    private WebhookSignature() {
    }

    /** The header value: {@code sha256=<lower-case hex>}. */
    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
