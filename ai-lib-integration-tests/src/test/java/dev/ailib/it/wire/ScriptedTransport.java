package dev.ailib.it.wire;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A transport that answers each request with the next scripted response, whose body arrives in exactly the given
 * reads: each {@code read} returns at most the rest of the current chunk, so where a provider's bytes are split
 * between two reads (a CR and its LF, a UTF-8 character, a frame) is decided by the test, not by the network.
 * Passed to the client with {@code AiClientBuilder.transport(..)}; nothing leaves the process.
 */
final class ScriptedTransport implements Transport {
  /** One scripted response. */
  record Response(int status, HttpHeaders headers, List<byte[]> reads) {
    static Response sse(String... reads) {
      return of(200, HttpHeaders.of("Content-Type", "text/event-stream"), reads);
    }

    /** An event stream whose bytes arrive in two reads, split at {@code at}. */
    static Response sseSplitAt(String body, int at) {
      byte[] all = body.getBytes(StandardCharsets.UTF_8);
      return new Response(200, HttpHeaders.of("Content-Type", "text/event-stream"),
          List.of(java.util.Arrays.copyOfRange(all, 0, at), java.util.Arrays.copyOfRange(all, at, all.length)));
    }

    static Response json(String body) {
      return of(200, HttpHeaders.of("Content-Type", "application/json"), body);
    }

    static Response error(int status, String body, String... headerNamesAndValues) {
      List<String> h = new ArrayList<>(List.of("Content-Type", "application/json"));
      h.addAll(List.of(headerNamesAndValues));
      return of(status, HttpHeaders.of(h.toArray(new String[0])), body);
    }

    static Response of(int status, HttpHeaders headers, String... reads) {
      List<byte[]> bytes = new ArrayList<>();
      for (String r : reads) {
        bytes.add(r.getBytes(StandardCharsets.UTF_8));
      }
      return new Response(status, headers, bytes);
    }
  }

  private final ConcurrentLinkedQueue<Response> script = new ConcurrentLinkedQueue<>();
  private final List<TransportRequest> requests = Collections.synchronizedList(new ArrayList<>());

  ScriptedTransport enqueue(Response... responses) {
    script.addAll(List.of(responses));
    return this;
  }

  List<TransportRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  String lastBody() {
    List<TransportRequest> all = requests();
    return new String(all.get(all.size() - 1).body(), StandardCharsets.UTF_8);
  }

  @Override
  public TransportResponse send(TransportRequest request, CancelToken cancel) {
    requests.add(request);
    Response r = script.poll();
    if (r == null) {
      throw new TransportException(TransportException.Kind.IO, "no scripted response left for request "
          + requests.size(), null);
    }
    return TransportResponse.of(r.status(), r.headers(), new ChunkedBody(r.reads()));
  }

  /** A body read in the scripted pieces. */
  private static final class ChunkedBody extends InputStream {
    private final List<byte[]> reads;
    private int chunk;
    private int pos;
    private volatile boolean closed;

    ChunkedBody(List<byte[]> reads) {
      this.reads = reads;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (closed) {
        return -1;
      }
      while (chunk < reads.size() && pos == reads.get(chunk).length) {
        chunk++;
        pos = 0;
      }
      if (chunk == reads.size()) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      byte[] current = reads.get(chunk);
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
