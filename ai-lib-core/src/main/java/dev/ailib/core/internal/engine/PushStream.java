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
 * threads, one at a time. Like a pull stream, the handler's last event is a {@code StreamEnd} or a
 * {@code StreamError}; then comes {@code onComplete} or {@code onError}. So a handler that only implements
 * {@code onEvent} (a lambda) still sees every failure, a 401 before any output included, as a {@code StreamError}
 * event, and {@link #completion()} fails with it. A handler that throws ends the stream: the exchange is aborted
 * and {@code onError} gets an {@code UNKNOWN} error wrapping the handler's exception (no {@code StreamError} event:
 * the handler already failed).
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
      if (!receiverFailed) {
        handler.onEvent(new StreamingEvent.StreamError(error));
      }
    } catch (RuntimeException ignored) {
      // a handler failing on the error event still gets onError
    }
    try {
      handler.onError(error);
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
