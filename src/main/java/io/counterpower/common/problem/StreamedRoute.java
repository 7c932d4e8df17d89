package io.counterpower.common.problem;

/**
 * A route that reads its request body as a stream and so may accept more than the general body
 * limit ({@code counterpower.http.max-body-size}). A feature declares one by producing a bean;
 * {@link RouteProblemHandler} applies {@code maxBytes} to a declared Content-Length, and the
 * feature counts the bytes it reads itself (a chunked body has no length to check up front).
 */
public record StreamedRoute(String method, String path, long maxBytes) {
}
