package dev.ailib.core.spi.transport;

import java.io.InputStream;

/**
 * A response whose headers have arrived and whose body streams. Reads of {@link #body()} block until
 * bytes arrive; they fail with a {@link dev.ailib.api.error.TransportException} (or an {@link java.io.IOException},
 * which core maps to one) on idle timeout, reset or cancellation. {@link #close()} aborts the exchange
 * if the body was not fully read and frees the connection; it is idempotent and may be called from any thread.
 */
public interface TransportResponse extends AutoCloseable {

  /** The HTTP status. */
  int status();

  /** The response headers. */
  HttpHeaders headers();

  /** The body, streaming. The same stream on every call. */
  InputStream body();

  /** Aborts or finishes the exchange and frees its connection. Idempotent, any thread. */
  @Override
  void close();
}
