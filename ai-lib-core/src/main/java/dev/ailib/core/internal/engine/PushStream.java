package dev.ailib.core.internal.engine;

import dev.ailib.api.CallStats;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.StreamHandler;
import dev.ailib.api.StreamSubscription;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import java.util.concurrent.CompletableFuture;

/**
 * The push form ({@code stream(handler)}): an {@link AsyncStream} whose events go to the handler, on the client's
 * delivery threads, one at a time, then {@code onComplete} or {@code onError}. The stream's {@code StreamError} is
 * not passed to {@code onEvent}: the error goes to {@code onError}, whose default hands it to {@code onEvent} as that
 * event, so a handler that only implements {@code onEvent} (a lambda) still sees every failure, a 401 before any
 * output included, exactly once; {@link #completion()} fails with it. A handler that throws ends the stream: the
 * exchange is aborted and {@code onError} gets an {@code UNKNOWN} error wrapping the handler's exception.
 */
final class PushStream implements StreamSubscription, AsyncStream.Sink {
  private final CancelToken token = new CancelToken();
  private final CompletableFuture<CallStats> completion = new CompletableFuture<>();
  private final StreamHandler handler;

  private PushStream(StreamHandler handler) {
    this.handler = handler;
  }

  static PushStream start(DefaultEngine engine, ChatRequest request, StreamHandler handler) {
    PushStream s = new PushStream(handler);
    AsyncStream.start(engine, request, s.token, s);
    return s;
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public void next(StreamingEvent event) {
    handler.onEvent(event);
  }

  @Override
  public void complete(CallStats stats) {
    try {
      handler.onComplete();
    } catch (RuntimeException ignored) {
      // the stream is over; the handler's own failure in onComplete cannot change its outcome
    } finally {
      completion.complete(stats);
    }
  }

  @Override
  public void error(AiLibException error, boolean receiverFailed) {
    try {
      handler.onError(error); // its default hands the error to onEvent as a StreamError event
    } catch (RuntimeException ignored) {
      // the handler's own failure while handling an error cannot be reported anywhere else
    } finally {
      completion.completeExceptionally(error);
    }
  }

  @Override
  public void cancel() {
    token.cancel();
  }

  @Override
  public CompletableFuture<CallStats> completion() {
    return completion;
  }
}
