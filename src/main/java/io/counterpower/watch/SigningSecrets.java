package io.counterpower.watch;

import io.counterpower.common.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Webhook signing secrets: generated here, shown once to the key holder who created the watch, and
 * stored encrypted with AES-256-GCM under {@code counterpower.watches.secret-key}. Unlike an API
 * key, the service needs the raw secret to sign every delivery, so a hash would not do; encryption
 * keeps a leaked table (a dump, a backup) from giving the secrets away without the key.
 */
@ApplicationScoped
class SigningSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;

    @Inject
    WatchesConfig config;

    /** A new secret: {@code whsec_} and 32 random bytes, base64url. */
    String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String encrypt(String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a webhook secret", e);
        }
    }

    String decrypt(String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring("v1:".length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot decrypt a webhook secret: was counterpower.watches.secret-key changed?", e);
        }
    }

    /** Refuses to create a watch when no key is configured, rather than store a secret in clear. */
    void requireKey() {
        key();
    }

    private SecretKeySpec key() {
        String configured = config.secretKey().orElse("").trim();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configured);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new ApiProblem(503, "Service unavailable", "Webhook secrets cannot be stored: the operator has not set "
                    + "counterpower.watches.secret-key (COUNTERPOWER_WATCHES_SECRET_KEY) to the base64 of 32 random bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
