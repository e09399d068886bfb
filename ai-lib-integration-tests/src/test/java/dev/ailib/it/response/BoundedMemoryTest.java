package dev.ailib.it.response;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 60 MB non-streaming answer of {@code {}} items, read by a client in its own JVM at {@code -Xmx256m}: every
 * shape ends in a classified error or a normal answer, never an {@link OutOfMemoryError} (issue 21, R3). The server
 * runs here and generates the body as it writes it, so only the client's memory is measured.
 */
class BoundedMemoryTest {
  private static final long BODY_BYTES = 60L * 1000 * 1000;

  /** A body of {@code prefix}, then {@code {},} items up to {@link #BODY_BYTES}, then {@code suffix}. */
  private record Shape(String path, String prefix, String suffix) {
    long length() {
      long items = (BODY_BYTES - prefix.length() - suffix.length()) / 3;
      return prefix.length() + items * 3 - 1 + suffix.length();
    }

    void write(OutputStream out) throws IOException {
      out.write(prefix.getBytes(StandardCharsets.US_ASCII));
      long items = (BODY_BYTES - prefix.length() - suffix.length()) / 3;
      byte[] chunk = "{},".repeat(4096).getBytes(StandardCharsets.US_ASCII);
      long left = items * 3 - 1;
      while (left > 0) {
        int n = (int) Math.min(chunk.length, left);
        out.write(chunk, 0, n);
        left -= n;
      }
      out.write(suffix.getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static final List<Shape> SHAPES = List.of(
      new Shape("/top-array/v1", "[", "]"),
      new Shape("/choices/v1", "{\"choices\":[", "]}"),
      new Shape("/content/v1", "{\"type\":\"message\",\"content\":[", "]}"),
      new Shape("/junk/v1", "{\"choices\":[{\"message\":{\"content\":\"fine\"},\"finish_reason\":\"stop\"}],\"x\":[",
          "]}"));

  @Test
  void sixtyMegabytesOfEmptyObjectsEndInAClassifiedErrorNotAnOutOfMemoryError() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    for (Shape s : SHAPES) {
      server.createContext(s.path(), ex -> {
        try (ex; InputStream in = ex.getRequestBody()) {
          in.readAllBytes();
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, s.length());
          try (OutputStream out = new BufferedOutputStream(ex.getResponseBody(), 1 << 16)) {
            s.write(out);
          }
        }
      });
    }
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
          BigAnswerClient.class.getName()));
      command.add("openai/gpt-4o@" + base + "/top-array/v1");
      command.add("openai/gpt-4o@" + base + "/choices/v1");
      command.add("anthropic/claude-sonnet-4-5@" + base + "/content/v1");
      command.add("openai/gpt-4o@" + base + "/junk/v1");
      Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output;
      try (InputStream out = child.getInputStream()) {
        output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child ended").isTrue();
      List<String> lines = output.lines().filter(l -> l.startsWith("OK ") || l.startsWith("FAILED ")
          || l.startsWith("THROWABLE ")).toList();
      assertThat(child.exitValue()).as(output).isZero();
      assertThat(lines).as(output).hasSize(4);
      assertThat(lines.get(0)).startsWith("FAILED ProtocolException E3001").contains("is an array");
      assertThat(lines.get(1)).startsWith("FAILED ProtocolException E3001").contains("\"choices[0].message\" is missing");
      assertThat(lines.get(2)).startsWith("FAILED ProtocolException E3001").contains("more than 500000 JSON values");
      assertThat(lines.get(3)).isEqualTo("OK fine");
    } finally {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }
}
