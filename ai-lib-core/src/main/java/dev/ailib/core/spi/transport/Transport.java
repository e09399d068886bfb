package dev.ailib.core.spi.transport;

import dev.ailib.api.CancelToken;
import dev.ailib.api.spi.ClientComponent;
import java.util.concurrent.Executor;

/**
 * Moves one HTTP exchange. Thread-safe; shared by all calls of a client. Implementations enforce the
 * timeouts of their {@link TransportConfig} (connect, response headers from sending to the head, idle between body
 * chunks) and the maximum response size, cap every wait by the request's deadline
 * ({@link TransportRequest#deadlineNanos()}, failing with {@code CALL_TIMEOUT}), and map every failure to a
 * {@link dev.ailib.api.error.TransportException} of the right {@link dev.ailib.api.error.TransportException.Kind}.
 * The transport contract kit ({@code dev.ailib.testkit.tck.TransportContractTest}) checks all of it.
 *
 * <p>Two ways to run an exchange: {@link #send} blocks the calling thread until the response head is in and returns
 * a body to read (what {@code execute()} and pull streams use); {@link #exchange} returns at once and pushes the
 * response to a receiver as fast as it asks for it (what push streams and publishers use, so that many streams need
 * no thread each while they wait). A transport must implement {@code send}; {@code exchange} has a default on top of
 * it, which holds one thread of the given executor for the whole exchange, so a transport that has no non-blocking
 * I/O still works everywhere.
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

  /**
   * Starts an exchange without blocking the calling thread and pushes its response to {@code receiver}: the head
   * once it arrives, then the body piece by piece as the receiver requests it (see {@link ResponseReceiver} and
   * {@link BodySubscription}). The same timeouts, deadline, size limit and failure kinds apply as for
   * {@link #send}, reported through {@link ResponseReceiver#onFailure} instead of thrown; the idle timeout runs only
   * while requested body pieces are outstanding. Connections are reused as after {@code send}: a body read to its
   * end, or {@linkplain BodySubscription#release() released} with a short rest, keeps its connection.
   *
   * <p>The default runs {@link #send} and reads the body with blocking reads, on one task of {@code blocking} that
   * lasts the whole exchange (so it costs a thread per exchange; reads wait for the receiver's demand). Transports
   * with non-blocking I/O override it and ignore {@code blocking}.
   *
   * @param request the request
   * @param cancel when cancelled, aborts the exchange at once; the receiver then gets {@code onFailure} with kind
   *     {@code CANCELLED} (unless the body already ended, or the receiver cancelled or released it)
   * @param blocking runs blocking work for transports without non-blocking I/O (the default implementation); a
   *     task it rejects fails the exchange with {@code CANCELLED}
   * @param receiver gets the response; may be called on the calling thread before this returns (for example for a
   *     request that fails at once)
   */
  default void exchange(TransportRequest request, CancelToken cancel, Executor blocking, ResponseReceiver receiver) {
    BlockingExchange.start(this, request, cancel, blocking, receiver);
  }

  /** Frees pooled connections and threads. Idempotent. */
  @Override
  default void close() {
  }
}
