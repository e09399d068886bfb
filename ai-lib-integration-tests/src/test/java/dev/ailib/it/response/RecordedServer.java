package dev.ailib.it.response;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP server on 127.0.0.1 (ephemeral port) that answers each request with the next recorded answer,
 * byte for byte: the provider's real JSON bodies, SSE streams and error bodies, as the tests write them. No answer
 * queued: HTTP 599 with a message saying so.
 */
final class RecordedServer implements AutoCloseable {
  /** One recorded answer. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    static Answer json(String body) {
      return new Answer(200, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Server-sent events: each frame is written as given (its own {@code event:} / {@code data:} lines). */
    static Answer sse(List<String> frames, String separator) {
      StringBuilder b = new StringBuilder();
      for (String f : frames) {
        b.append(f).append(separator);
      }
      return new Answer(200, Map.of("Content-Type", "text/event-stream"), b.toString().getBytes(StandardCharsets.UTF_8));
    }

    Answer withHeader(String name, String value) {
      Map<String, String> h = new java.util.LinkedHashMap<>(headers);
      h.put(name, value);
      return new Answer(status, Map.copyOf(h), body);
    }
  }

  /** A request as received. */
  record Request(String method, String path, String query, String body) {
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  RecordedServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind a local server", e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  void enqueue(Answer... more) {
    answers.addAll(List.of(more));
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getQuery(),
          body));
      Answer a = answers.poll();
      if (a == null) {
        a = Answer.json(599, "{\"error\":{\"message\":\"no recorded answer queued\"}}");
      }
      a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
      if (a.body().length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(a.body());
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
