package dev.ailib.core.internal.engine;

import dev.ailib.core.internal.response.ErrorClassifier;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.Interceptor;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.IOException;
import java.util.List;

/**
 * Sends one attempt of any operation: the prepared request's {@link RequestTemplate} with its body and the call's
 * deadline, through
 * the interceptors to the transport, under the call's cancel token (cancelling the call aborts the exchange).
 * Returns a successful response with its headers read; an error status is read (bounded) and classified.
 */
final class Exchange {
  private static final int MAX_ERROR_BODY = 64 * 1024;

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
    TransportRequest req = prepared.template().request(prepared.body(), scope.deadline.systemNanoTime(),
        prepared.headers());
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
        throw ErrorClassifier.fromHttp(resp.status(), resp.headers(), errorBody, target.manifest(), clock.instant())
            .toException(target.origin().describe(), target.redactor());
      }
    }
    return resp;
  }
}
