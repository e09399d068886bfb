package dev.ailib.core.spi.transport;

import dev.ailib.api.CancelToken;
import dev.ailib.api.spi.ClientComponent;

/**
 * Moves one HTTP exchange. Thread-safe; shared by all calls of a client. Implementations enforce the
 * timeouts of their {@link TransportConfig} (connect, response headers from sending to the head, idle between body
 * chunks) and the maximum response size, cap every wait by the request's deadline
 * ({@link TransportRequest#deadlineNanos()}, failing with {@code CALL_TIMEOUT}), and map every failure to a
 * {@link dev.ailib.api.error.TransportException} of the right {@link dev.ailib.api.error.TransportException.Kind}.
 * The transport contract kit ({@code dev.ailib.testkit.tck.TransportContractTest}) checks all of it.
 */
public interface Transport extends ClientComponent, AutoCloseable {

  /**
   * Sends a request and waits for the response headers.
   *
   * @param request the request
   * @param cancel when cancelled, aborts the exchange at once (also while the body is being read) and
   *     frees its connection; the pending call or read then fails with kind {@code CANCELLED}
   * @return the response, whose body streams
   * @throws dev.ailib.api.error.TransportException when the exchange fails before the headers arrive
   */
  TransportResponse send(TransportRequest request, CancelToken cancel);

  /** Frees pooled connections and threads. Idempotent. */
  @Override
  default void close() {
  }
}
