package dev.ailib.core.spi;

import dev.ailib.api.spi.ClientComponent;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;

/**
 * Adds behaviour around each HTTP attempt without touching core: headers, logging, auditing, caching,
 * short-circuiting. Interceptors run in the order added, each calling {@link Chain#proceed} to go on.
 * Runs once per attempt (retries and fallbacks go through it again).
 */
@FunctionalInterface
public interface Interceptor extends ClientComponent {

  /**
   * Handles one attempt.
   *
   * @param chain the request and the rest of the chain
   * @return the response (from {@code chain.proceed} or made up)
   */
  TransportResponse intercept(Chain chain);

  /** The rest of the chain for one attempt. */
  interface Chain {
    /**
     * The request about to be sent. It carries the call's deadline ({@link TransportRequest#deadlineNanos()});
     * a request passed on without one (made with the four-argument constructor) is given the call's.
     */
    TransportRequest request();

    /** The call this attempt belongs to. */
    CallInfo call();

    /**
     * Sends the request through the remaining interceptors and the transport.
     *
     * @param request the request, possibly changed
     * @return the response
     */
    TransportResponse proceed(TransportRequest request);
  }
}
