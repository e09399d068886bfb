package dev.ailib.core.spi.transport;

import java.io.InputStream;

/**
 * A response whose headers have arrived and whose body streams. Reads of {@link #body()} block until
 * bytes arrive; they fail with a {@link dev.ailib.api.error.TransportException} (or an {@link java.io.IOException},
 * which core maps to one) on idle timeout, call deadline, reset or cancellation. {@link #close()} before the end
 * of the body drains a short rest (at most 64 KiB within 50 ms, so that a stream whose reader stopped at its last
 * event keeps its connection for the next call) and otherwise aborts the exchange, which closes the connection;
 * it is idempotent and may be called from any thread (while another thread reads, it aborts).
 */
public interface TransportResponse extends AutoCloseable {

  /** The HTTP status. */
  int status();

  /** The response headers. */
  HttpHeaders headers();

  /** The body, streaming. The same stream on every call. */
  InputStream body();

  /** Finishes (a short rest drained) or aborts the exchange and frees its connection. Idempotent, any thread. */
  @Override
  void close();

  /**
   * A response whose {@link #close()} closes its body; for adapters whose body stream owns the exchange
   * (closing it aborts an unfinished exchange and frees the connection), and for in-memory test transports.
   *
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the streaming body; its {@code close()} must be idempotent and callable from any thread
   * @return the response
   */
  static TransportResponse of(int status, HttpHeaders headers, InputStream body) {
    java.util.Objects.requireNonNull(headers, "headers");
    java.util.Objects.requireNonNull(body, "body");
    return new TransportResponse() {
      @Override
      public int status() {
        return status;
      }

      @Override
      public HttpHeaders headers() {
        return headers;
      }

      @Override
      public InputStream body() {
        return body;
      }

      @Override
      public void close() {
        try {
          body.close();
        } catch (java.io.IOException ignored) {
          // an aborted body may fail to close; the exchange is gone either way
        }
      }

      @Override
      public String toString() {
        return "TransportResponse[status=" + status + ", headers=" + headers + "]";
      }
    };
  }
}
