package io.counterpower.watch;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local webhook receiver (the JDK's HTTP server) that records every request and answers with
 * the statuses it is told to, then 200. {@link #stop()} and {@link #start()} on the same port
 * model a receiver that is down for a while (connections are refused meanwhile).
 */
final class Receiver implements AutoCloseable {
    /** One request as the receiver saw it. */
    record Request(Map<String, List<String>> headers, String body, int answered) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();
    private HttpServer server;
    private int port;

    Receiver() throws IOException {
        start();
    }

    synchronized void answerNext(Integer... statuses) {
        answers.addAll(List.of(statuses));
    }

    private synchronized int nextAnswer() {
        return answers.isEmpty() ? 200 : answers.removeFirst();
    }

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        port = server.getAddress().getPort();
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = nextAnswer();
            requests.add(new Request(Map.copyOf(exchange.getRequestHeaders()), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    void stop() {
        server.stop(0);
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    List<Request> accepted() {
        return requests.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    @Override
    public void close() {
        stop();
    }
}
