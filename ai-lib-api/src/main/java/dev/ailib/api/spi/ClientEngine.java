package dev.ailib.api.spi;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResult;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamHandler;
import dev.ailib.api.StreamSubscription;
import dev.ailib.api.StreamingEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** Runs chat calls for one client. Thread-safe. Created by a {@link ClientEngineProvider}. */
public interface ClientEngine extends AutoCloseable {

  /**
   * Runs a call to completion.
   *
   * @param request the request
   * @param cancel cancels the call
   * @return the answer with its figures
   */
  ChatResult execute(ChatRequest request, CancelToken cancel);

  /**
   * Runs a call without blocking the caller.
   *
   * @param request the request
   * @param cancel cancels the call; cancelling the future does too
   * @return the future answer
   */
  CompletableFuture<ChatResult> executeAsync(ChatRequest request, CancelToken cancel);

  /**
   * Starts a streamed call (pull form).
   *
   * @param request the request
   * @param cancel cancels the stream
   * @return the stream
   */
  ChatStream stream(ChatRequest request, CancelToken cancel);

  /**
   * Starts a streamed call pushed to a handler.
   *
   * @param request the request
   * @param handler receives the events
   * @return the subscription handle
   */
  StreamSubscription push(ChatRequest request, StreamHandler handler);

  /**
   * A publisher that starts a streamed call per subscription.
   *
   * @param request the request
   * @return the publisher
   */
  Flow.Publisher<StreamingEvent> publisher(ChatRequest request);

  /** Releases resources; idempotent. */
  @Override
  void close();
}
