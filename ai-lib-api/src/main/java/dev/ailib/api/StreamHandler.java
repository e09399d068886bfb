package dev.ailib.api;

import dev.ailib.api.error.AiLibException;

/**
 * Receives a streamed answer pushed to it (the push form of streaming). Methods are called on one
 * thread at a time, in order: any number of {@link #onEvent}, then {@link #onComplete} or {@link #onError}.
 *
 * <p>A handler written as a lambda ({@code stream(event -> ...)}) implements {@link #onEvent} only; it still
 * learns of a failure: the default {@link #onError} hands the error to {@link #onEvent} as a last
 * {@link StreamingEvent.StreamError} event. A handler that overrides {@link #onError} gets the error there only,
 * never also as an event. Either way the subscription's {@code completion()} fails with the same error.
 *
 * <p>The calls run on the client's delivery threads, which no stream holds while it waits for the network: on
 * Java 21+ a virtual thread per delivery, on Java 17-20 a few platform threads shared by all of the client's push
 * streams. Keep the methods short and do not block in them (hand long work to an executor of your own): a handler
 * that blocks on Java 17-20 holds up the other streams' deliveries.
 */
public interface StreamHandler {

  /**
   * One event.
   *
   * @param event the event
   */
  void onEvent(StreamingEvent event);

  /**
   * The stream failed or was cancelled. Unless overridden, delivers the error to {@link #onEvent} as a
   * {@link StreamingEvent.StreamError}, so that a handler that only reads events does not miss it.
   *
   * @param error the classified error
   */
  default void onError(AiLibException error) {
    onEvent(new StreamingEvent.StreamError(error));
  }

  /** The stream ended normally. */
  default void onComplete() {
  }
}
