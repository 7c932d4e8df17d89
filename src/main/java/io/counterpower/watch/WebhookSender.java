package io.counterpower.watch;

import io.counterpower.common.net.PublicHosts;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends due deliveries: claims one at a time, posts it signed ({@link WebhookSignature}) and
 * records the answer. A 2xx answer delivers it; anything else, or no answer, schedules a retry.
 * Redirects are not followed: the receiver's URL is the one the watch names. The receiver's host
 * is looked up once per attempt and every address checked ({@link PublicHosts}) when a steward set
 * the URL; the request goes to a checked address, never through a second look-up.
 */
@ApplicationScoped
class WebhookSender {
    /** At most this many deliveries per step, so that one step does not hold a scheduler thread for long. */
    static final int PER_STEP = 100;

    @Inject
    WebhookOutbox outbox;
    @Inject
    SigningSecrets secrets;
    @Inject
    WatchesConfig config;
    @Inject
    ReceiverResolver resolver;

    /**
     * One step of a delivery worker: releases abandoned claims, then sends what is due. Returns the attempts made.
     * In a request context of its own when called off one (the datasource of a session is resolved there).
     */
    @jakarta.enterprise.context.control.ActivateRequestContext
    int sendDue(String worker) {
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
        // Looked up once, here, and checked: the connection goes to one of these addresses, so a
        // name that answered a public address when the watch was made cannot lead to 127.0.0.1 now.
        PublicHosts.Lookup lookup = PublicHosts.addressesToConnect(d.url(), config.allowedHosts().orElse(List.of()),
                resolver, d.publicReceiverOnly());
        if (lookup.refusal() != null) {
            error = "Not sent: the receiver's URL " + lookup.refusal();
        } else if (lookup.addresses().isEmpty()) {
            error = "No answer from the receiver: its host " + lookup.host() + " does not resolve";
        } else {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json; charset=utf-8");
            headers.put("User-Agent", "Counterpower-Webhooks/1");
            headers.put(WebhookSignature.EVENT_ID_HEADER, d.eventId().toString());
            headers.put(WebhookSignature.EVENT_TYPE_HEADER, d.eventType());
            headers.put(WebhookSignature.DELIVERY_HEADER, String.valueOf(d.id()));
            headers.put(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp));
            headers.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, d.payload()));
            try {
                status = post(URI.create(d.url().trim()), lookup, headers, d.payload().getBytes(StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                error = "No answer from the receiver: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        outbox.recordAttempt(d, worker, status, error, millis);
    }

    /**
     * One HTTP/1.1 POST to the first address of {@code lookup} that accepts a connection, with the
     * URL's host in the Host header and, for https, in the TLS server name and the certificate
     * check. Returns the answer's status; a redirect is an answer like any other (not followed).
     */
    private int post(URI url, PublicHosts.Lookup lookup, Map<String, String> headers, byte[] body) throws IOException {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        int timeout = (int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis());
        IOException last = null;
        for (InetAddress address : lookup.addresses()) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), timeout);
            } catch (IOException e) {
                socket.close();
                last = e;
                continue;
            }
            try (Socket open = https ? tls(socket, url.getHost(), port) : socket) {
                open.setSoTimeout(timeout);
                String target = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
                if (url.getRawQuery() != null) {
                    target += "?" + url.getRawQuery();
                }
                StringBuilder head = new StringBuilder("POST ").append(target).append(" HTTP/1.1\r\n")
                        .append("Host: ").append(url.getRawAuthority()).append("\r\n");
                headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
                head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
                OutputStream out = open.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                return statusLine(open.getInputStream());
            }
        }
        throw last != null ? last : new IOException("no address to connect to");
    }

    private static Socket tls(Socket plain, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.startsWith("[") && !Character.isDigit(host.charAt(host.length() - 1))) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    /** The status of an HTTP/1.x answer ("HTTP/1.1 204 No Content"). */
    static int statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n' && line.length() < 1000) {
            line.append((char) c);
        }
        String[] parts = line.toString().trim().split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new IOException("not an HTTP answer: " + (line.length() > 80 ? line.substring(0, 80) : line));
        }
        return Integer.parseInt(parts[1]);
    }
}
