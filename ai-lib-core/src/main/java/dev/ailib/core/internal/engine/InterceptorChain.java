package dev.ailib.core.internal.engine;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Interceptor;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.util.List;
import java.util.Objects;

/**
 * Runs the interceptors in the order added, then the transport. One chain per attempt. A request an interceptor
 * made without a deadline (with the four-argument constructor) gets the attempt's: the call's deadline always
 * reaches the transport.
 */
final class InterceptorChain implements Interceptor.Chain {
  private final List<Interceptor> interceptors;
  private final int index;
  private final TransportRequest request;
  private final CallInfo call;
  private final Transport transport;
  private final CancelToken cancel;
  private final long deadlineNanos;

  /**
   * The chain of one attempt.
   *
   * @param interceptors the client's interceptors
   * @param request the attempt's request (its deadline is the call's)
   * @param call the call
   * @param transport the transport
   * @param cancel the call's token
   */
  InterceptorChain(List<Interceptor> interceptors, TransportRequest request, CallInfo call, Transport transport,
      CancelToken cancel) {
    this(interceptors, 0, request, call, transport, cancel, request.deadlineNanos());
  }

  private InterceptorChain(List<Interceptor> interceptors, int index, TransportRequest request, CallInfo call,
      Transport transport, CancelToken cancel, long deadlineNanos) {
    this.interceptors = interceptors;
    this.index = index;
    this.request = request;
    this.call = call;
    this.transport = transport;
    this.cancel = cancel;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public TransportRequest request() {
    return request;
  }

  @Override
  public CallInfo call() {
    return call;
  }

  @Override
  public TransportResponse proceed(TransportRequest next) {
    Objects.requireNonNull(next, "request");
    if (index >= interceptors.size()) {
      TransportRequest sent = next.deadlineNanos() == Long.MAX_VALUE ? next.withDeadline(deadlineNanos)
          : next;
      return transport.send(sent, cancel);
    }
    Interceptor i = interceptors.get(index);
    TransportResponse r = i.intercept(new InterceptorChain(interceptors, index + 1, next, call, transport, cancel,
        deadlineNanos));
    if (r == null) {
      throw new AiLibException(StandardErrorCode.UNKNOWN, "interceptor " + i.getClass().getName()
          + " returned no response");
    }
    return r;
  }
}
