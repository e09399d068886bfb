package dev.ailib.core.internal.engine;

import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.transport.TransportResponse;

/**
 * One streaming attempt: send, receive the headers and read up to the first event, so that failures before any
 * output (an error status, an error frame first, a cut before the first event) are failures of the attempt and
 * can be retried by the policies. Once it returned, the stream belongs to the caller.
 */
final class StreamOpener {
  private final Exchange exchange;
  private final StreamPipelines pipelines = new StreamPipelines();

  StreamOpener(Exchange exchange) {
    this.exchange = exchange;
  }

  /** The stream pipelines, one per manifest. */
  StreamPipelines pipelines() {
    return pipelines;
  }

  /** An opened stream whose first event is read but not yet delivered. */
  record OpenStream(TransportResponse response, EventSource events, StreamingEvent first) {
  }

  /**
   * Opens the stream of one attempt.
   *
   * @param scope the call
   * @param prepared the request checked and encoded for the attempt's target
   * @return the open stream
   * @throws dev.ailib.api.error.AiLibException the attempt's classified failure (the exchange is closed)
   */
  OpenStream open(CallScope scope, Prepared prepared) {
    Target target = prepared.target();
    pipelines.prepare(target); // a streaming section that does not compile fails here, before any request
    TransportResponse resp = exchange.send(scope, prepared);
    EventSource events = pipelines.open(target, resp.body());
    StreamingEvent first;
    try {
      first = events.next();
    } catch (Throwable t) {
      events.close();
      resp.close();
      throw scope.failure(t);
    }
    if (first == null || first instanceof StreamingEvent.StreamError) {
      events.close();
      resp.close();
      throw first == null ? scope.failure(new TransportException(TransportException.Kind.IO, "the stream from "
          + "provider '" + target.provider() + "' ended before its first event", null))
          : scope.failure(((StreamingEvent.StreamError) first).error());
    }
    return new OpenStream(resp, events, first);
  }
}
