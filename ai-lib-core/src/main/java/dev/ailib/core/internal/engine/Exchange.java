package dev.ailib.core.internal.engine;

import dev.ailib.api.error.AiLibException;
import dev.ailib.core.internal.response.ErrorClassifier;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.Interceptor;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.ResponseReceiver;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Sends one attempt of any operation: the prepared request's {@link RequestTemplate} with its body and the call's
 * deadline, through
 * the interceptors to the transport, under the call's cancel token (cancelling the call aborts the exchange).
 * Returns a successful response with its headers read; an error status is read (bounded) and classified.
 */
final class Exchange {
  /** The most bytes of an error status's body that are read. */
  static final int MAX_ERROR_BODY = 64 * 1024;

  private final List<Interceptor> interceptors;
  private final Transport transport;
  private final Listeners listeners;
  private final Clock clock;

  Exchange(List<Interceptor> interceptors, Transport transport, Listeners listeners, Clock clock) {
    this.interceptors = List.copyOf(interceptors);
    this.transport = transport;
    this.listeners = listeners;
    this.clock = clock;
  }

  /**
   * Sends the attempt.
   *
   * @param scope the call
   * @param prepared the request checked and encoded for the target of this attempt, with its template
   * @return the response, status below 300
   * @throws dev.ailib.api.error.AiLibException the classified failure
   */
  TransportResponse send(CallScope scope, Prepared prepared) {
    if (scope.token.isCancelled()) {
      throw scope.failure(null);
    }
    Target target = prepared.target();
    TransportRequest req = request(scope, prepared);
    TransportResponse resp;
    try {
      resp = interceptors.isEmpty() ? transport.send(req, scope.token)
          : new InterceptorChain(interceptors, req, scope.info, transport, scope.token).proceed(req);
    } catch (RuntimeException e) {
      throw target.redactor().apply(scope.failure(e));
    }
    listeners.responseHeaders(scope.info, resp.status(), resp.headers());
    if (resp.status() >= 300) {
      try (resp) {
        byte[] errorBody;
        try {
          errorBody = BodyReader.readAll(resp.body(), MAX_ERROR_BODY, resp.headers());
        } catch (IOException | RuntimeException e) {
          errorBody = new byte[0];
        }
        throw error(target, resp.status(), resp.headers(), errorBody);
      }
    }
    return resp;
  }

  /**
   * Starts the attempt without blocking: the response is pushed to {@code receiver} (see
   * {@link Transport#exchange}). With interceptors, which wrap a blocking {@code send}, the exchange runs through
   * them on a task of {@code blocking} (the transport's default push exchange over the interceptor chain).
   *
   * @param scope the call
   * @param prepared the request checked and encoded for the target of this attempt
   * @param blocking runs blocking work (interceptors, transports without non-blocking I/O)
   * @param receiver gets the response
   */
  void start(CallScope scope, Prepared prepared, Executor blocking, ResponseReceiver receiver) {
    TransportRequest req = request(scope, prepared);
    Transport t = interceptors.isEmpty() ? transport : new Transport() {
      @Override
      public TransportResponse send(TransportRequest request, dev.ailib.api.CancelToken cancel) {
        return new InterceptorChain(interceptors, request, scope.info, transport, cancel).proceed(request);
      }
    };
    t.exchange(req, scope.token, blocking, receiver);
  }

  /** The attempt's request: the prepared request's template, body and headers, the call's deadline. */
  private static TransportRequest request(CallScope scope, Prepared prepared) {
    return prepared.template().request(prepared.body(), scope.deadline.systemNanoTime(), prepared.headers());
  }

  /** Reports a response head to telemetry. */
  void headers(CallScope scope, int status, HttpHeaders headers) {
    listeners.responseHeaders(scope.info, status, headers);
  }

  /**
   * The classified, redacted failure of an error status.
   *
   * @param target the attempt's target
   * @param status the HTTP status (300 or more)
   * @param headers the response headers
   * @param body the first {@value #MAX_ERROR_BODY} bytes of the body, or fewer
   * @return the failure to throw
   */
  AiLibException error(Target target, int status, HttpHeaders headers, byte[] body) {
    return ErrorClassifier.fromHttp(status, headers, body, target.manifest(), clock.instant())
        .toException(target.origin().describe(), target.redactor());
  }
}
