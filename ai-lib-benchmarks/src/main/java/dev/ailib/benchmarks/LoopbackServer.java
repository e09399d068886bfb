package dev.ailib.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal OpenAI-shaped server on 127.0.0.1 (JDK {@code HttpServer}), run in its own JVM so that the client's
 * process CPU time is the client's alone. Two ports: the fast one answers {@code POST .../chat/completions} with
 * the recorded stream (when the body asks {@code "stream":true}, written in 16 KiB chunked writes) or the JSON reply,
 * and {@code POST .../messages} with the Anthropic stream; the short port answers the same way with a short stream
 * ({@code --short-chunks}, 100 by default: per-stream costs weigh more there); the drip port sends a short stream one
 * frame at a time with a pause between frames, to hold many streams open at once. {@code POST .../embeddings}
 * answers OpenAI's embeddings shape, one vector of {@code --embedding-dims} numbers (written as OpenAI writes them,
 * about 20 characters each) per input of the request ({@link EmbeddingsBench}). Prints
 * {@code LOOPBACK <fast> <drip> <short>} and runs until its standard input closes.
 */
public final class LoopbackServer {
  private final byte[] openAiStream;
  private final byte[] shortStream;
  private final byte[] anthropicStream;
  private final byte[] reply;
  private final List<byte[]> dripFrames;
  private final long dripPauseMillis;
  private final byte[] vectorJson;

  LoopbackServer(Config config) {
    this.vectorJson = EmbeddingsBench.vectorJson(config.embeddingDims);
    RecordedStreams big = RecordedStreams.of(config.chunks);
    this.openAiStream = big.openAiSse();
    this.shortStream = RecordedStreams.of(config.shortChunks).openAiSse();
    this.anthropicStream = big.anthropicSse();
    this.reply = RecordedStreams.of(config.replyChunks).openAiJson();
    this.dripFrames = frames(RecordedStreams.of(config.dripChunks).openAiSse());
    this.dripPauseMillis = config.dripPauseMillis;
  }

  /** Server settings, from {@code --name value} arguments. */
  record Config(int chunks, int replyChunks, int dripChunks, long dripPauseMillis, int shortChunks,
      int embeddingDims) {
    static Config parse(String[] args) {
      Args a = new Args(args);
      return new Config(a.integer("--chunks", RecordedStreams.DEFAULT_CHUNKS), a.integer("--reply-chunks", 200),
          a.integer("--drip-chunks", 100), a.integer("--drip-pause-ms", 100), a.integer("--short-chunks", 100),
          a.integer("--embedding-dims", 256));
    }
  }

  /**
   * Starts both ports, prints them, and serves until standard input closes.
   *
   * @param args {@code --chunks N --reply-chunks N --drip-chunks N --drip-pause-ms N --short-chunks N
   *     --embedding-dims N}
   * @throws IOException when a port cannot be opened
   */
  public static void main(String[] args) throws IOException {
    LoopbackServer server = new LoopbackServer(Config.parse(args));
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "loopback");
      t.setDaemon(true);
      return t;
    });
    HttpServer fast = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    fast.createContext("/", server::serve);
    fast.setExecutor(pool);
    HttpServer drip = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    drip.createContext("/", server::drip);
    drip.setExecutor(pool);
    HttpServer shortStreams = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    shortStreams.createContext("/", e -> server.serve(e, server.shortStream));
    shortStreams.setExecutor(pool);
    fast.start();
    drip.start();
    shortStreams.start();
    System.out.println("LOOPBACK " + fast.getAddress().getPort() + " " + drip.getAddress().getPort() + " "
        + shortStreams.getAddress().getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // runs until the parent closes our standard input (or dies)
    }
    fast.stop(0);
    drip.stop(0);
    shortStreams.stop(0);
  }

  /** Client addresses (ip:port, so one per connection) that sent a chat request; read through {@code GET /stats}. */
  private final java.util.Set<String> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Connections the server has seen chat requests on so far, asked over a connection of its own (not counted).
   *
   * @param base the fast port's base URL ({@code http://127.0.0.1:PORT/v1})
   * @return the count, or -1 when the server cannot be asked
   */
  static long connectionsSeen(String base) {
    try {
      java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(base + "/stats").toURL()
          .openConnection();
      c.setRequestProperty("Connection", "close");
      try (InputStream in = c.getInputStream()) {
        return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
      } finally {
        c.disconnect();
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    serve(exchange, openAiStream);
  }

  private void serve(HttpExchange exchange, byte[] stream) throws IOException {
    try (exchange) {
      byte[] request = readAll(exchange.getRequestBody());
      String path = exchange.getRequestURI().getPath();
      if (path.endsWith("/stats")) {
        byte[] body = Long.toString(connections.size()).getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      // a closed connection's port is not reused within a run (the client side keeps it in TIME_WAIT)
      connections.add(exchange.getRemoteAddress().toString());
      if (path.endsWith("/embeddings")) {
        send(exchange, "application/json", EmbeddingsBench.answer(request, vectorJson), false);
      } else if (path.endsWith("/messages")) {
        send(exchange, "text/event-stream", anthropicStream, true);
      } else if (path.endsWith("/chat/completions")) {
        boolean streaming = MemoryTransport.isStreaming(request);
        send(exchange, streaming ? "text/event-stream" : "application/json", streaming ? stream : reply, streaming);
      } else {
        byte[] body = ("{\"error\":{\"message\":\"no route " + path + "\",\"type\":\"invalid_request_error\"}}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(404, body.length);
        exchange.getResponseBody().write(body);
      }
    }
  }

  private void drip(HttpExchange exchange) throws IOException {
    try (exchange) {
      readAll(exchange.getRequestBody());
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (byte[] frame : dripFrames) {
        out.write(frame);
        out.flush();
        Thread.sleep(dripPauseMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientWentAway) {
      // a cancelled stream: nothing to do
    }
  }

  private static void send(HttpExchange exchange, String type, byte[] body, boolean chunked) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("x-request-id", "req_bench");
    exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
    OutputStream out = exchange.getResponseBody();
    for (int at = 0; at < body.length; at += 16_384) {
      out.write(body, at, Math.min(16_384, body.length - at));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  /** Splits an SSE body after each blank line. */
  static List<byte[]> frames(byte[] sse) {
    List<byte[]> frames = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < sse.length; i++) {
      if (sse[i] == '\n' && sse[i - 1] == '\n') {
        byte[] f = new byte[i + 1 - start];
        System.arraycopy(sse, start, f, 0, f.length);
        frames.add(f);
        start = i + 1;
      }
    }
    return frames;
  }
}
