package dev.ailib.core.internal.engine;

import dev.ailib.api.CallStats;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamHandler;
import dev.ailib.api.StreamSubscription;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import java.util.concurrent.CompletableFuture;

/**
 * The push form: a pull stream read on one of the engine's pool threads, each event handed to the handler, then
 * {@code onComplete} or {@code onError} (the stream's StreamError event is not passed to {@code onEvent}: the
 * error goes to {@code onError}, whose default hands it to {@code onEvent} as that event, so it arrives once). A handler that
 * throws ends the stream: the exchange is aborted and the handler's failure is reported through {@code onError}.
 */
final class PushStream implements StreamSubscription {
  private final CancelToken token = new CancelToken();
  private final CompletableFuture<CallStats> completion = new CompletableFuture<>();

  private PushStream() {
  }

  static PushStream start(DefaultEngine engine, ChatRequest request, StreamHandler handler) {
    PushStream s = new PushStream();
    engine.submit(() -> s.run(engine, request, handler), e -> s.error(handler, e));
    return s;
  }

  private void run(DefaultEngine engine, ChatRequest request, StreamHandler handler) {
    try (ChatStream stream = engine.stream(request, token)) {
      for (StreamingEvent e : stream) {
        if (e instanceof StreamingEvent.StreamError) {
          continue; // thrown by the next hasNext()
        }
        try {
          handler.onEvent(e);
        } catch (RuntimeException handlerFailure) {
          token.cancel();
          error(handler, new AiLibException(StandardErrorCode.UNKNOWN, "the stream handler threw "
              + handlerFailure.getClass().getName() + "; stream aborted", handlerFailure));
          return;
        }
      }
      CallStats stats = stream.stats().orElse(null);
      try {
        handler.onComplete();
      } finally {
        completion.complete(stats);
      }
    } catch (AiLibException e) {
      error(handler, e);
    } catch (RuntimeException e) {
      error(handler, new AiLibException(StandardErrorCode.UNKNOWN, "stream failed: " + e.getClass().getName(), e));
    }
  }

  private void error(StreamHandler handler, AiLibException e) {
    try {
      handler.onError(e);
    } catch (RuntimeException ignored) {
      // the handler's own failure while handling an error cannot be reported anywhere else
    } finally {
      completion.completeExceptionally(e);
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
