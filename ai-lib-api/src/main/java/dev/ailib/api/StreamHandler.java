package dev.ailib.api;

import dev.ailib.api.error.AiLibException;

/**
 * Receives a streamed answer pushed to it (the push form of streaming). Methods are called on one
 * thread at a time, in order: any number of {@link #onEvent}, then {@link #onComplete} or {@link #onError}.
 */
public interface StreamHandler {

  /**
   * One event.
   *
   * @param event the event
   */
  void onEvent(StreamingEvent event);

  /**
   * The stream failed or was cancelled.
   *
   * @param error the classified error
   */
  default void onError(AiLibException error) {
  }

  /** The stream ended normally. */
  default void onComplete() {
  }
}
