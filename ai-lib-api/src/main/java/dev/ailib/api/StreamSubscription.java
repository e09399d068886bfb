package dev.ailib.api;

import java.util.concurrent.CompletableFuture;

/** A handle on a pushed stream: cancel it, or wait for it to end. */
public interface StreamSubscription {

  /** Aborts the stream; the handler then gets a cancelled error unless the stream already ended. */
  void cancel();

  /** Completes when the stream ended, with its figures, or exceptionally with its error. */
  CompletableFuture<CallStats> completion();
}
