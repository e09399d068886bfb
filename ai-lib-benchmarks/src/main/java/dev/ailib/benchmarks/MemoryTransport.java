package dev.ailib.benchmarks;

import dev.ailib.api.CancelToken;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A transport that answers from memory, so that a benchmark of the whole client measures ai-lib alone
 * (request building, decoding, event mapping, the engine) and no network. Streaming requests (a body with
 * {@code "stream":true}) get the recorded stream, others the JSON reply.
 */
final class MemoryTransport implements Transport {
  private static final HttpHeaders SSE = HttpHeaders.of("Content-Type", "text/event-stream");
  private static final HttpHeaders JSON = HttpHeaders.of("Content-Type", "application/json");

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON_READER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final byte[] stream;
  private final byte[] reply;

  MemoryTransport(byte[] stream, byte[] reply) {
    this.stream = stream;
    this.reply = reply;
  }

  @Override
  public TransportResponse send(TransportRequest request, CancelToken cancel) {
    boolean streaming = isStreaming(request.body());
    return new Response(streaming ? SSE : JSON, new ByteArrayInputStream(streaming ? stream : reply));
  }

  /**
   * Whether a chat request body asks for a stream ({@code "stream": true}, however it is spaced).
   *
   * @param body the JSON request body
   * @return true for a streaming request
   */
  static boolean isStreaming(byte[] body) {
    try {
      return body.length > 0 && JSON_READER.readTree(body).path("stream").asBoolean(false);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("request body is not JSON: "
          + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8), e);
    }
  }

  private record Response(HttpHeaders headers, InputStream body) implements TransportResponse {
    @Override
    public int status() {
      return 200;
    }

    @Override
    public void close() {
      // nothing to free
    }
  }
}
