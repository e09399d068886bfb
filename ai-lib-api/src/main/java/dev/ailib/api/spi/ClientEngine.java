package dev.ailib.api.spi;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResult;
import dev.ailib.api.ChatStream;
import dev.ailib.api.EmbeddingRequest;
import dev.ailib.api.EmbeddingResponse;
import dev.ailib.api.RerankRequest;
import dev.ailib.api.RerankResponse;
import dev.ailib.api.StreamHandler;
import dev.ailib.api.StreamSubscription;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.StructuredOptions;
import dev.ailib.api.StructuredResult;
import dev.ailib.api.StructuredStream;
import dev.ailib.api.TokenCount;
import dev.ailib.api.ToolRunOptions;
import dev.ailib.api.ToolRunResult;
import dev.ailib.api.ToolRunStream;
import dev.ailib.api.ToolSet;
import dev.ailib.api.TypeRef;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Runs the calls of one client: chat, embeddings and rerank. Thread-safe. Created by a {@link ClientEngineProvider}.
 */
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

  /**
   * Runs a call whose answer is a value of a Java type: the schema generated from the type, asked for the way the
   * provider's manifest says, the answer checked against it (and repaired once by default), then bound.
   *
   * @param request the request
   * @param type the answer's type
   * @param options repair, naming and mode
   * @param cancel cancels the call
   * @param <T> the answer's type
   * @return the typed answer
   * @throws dev.ailib.api.error.StructuredOutputException when the answer is not valid after the repair attempts
   */
  default <T> StructuredResult<T> executeAs(ChatRequest request, TypeRef<T> type, StructuredOptions options,
      CancelToken cancel) {
    throw new UnsupportedOperationException(getClass().getName() + " does not support typed answers");
  }

  /**
   * Streams a call whose answer is a value of a Java type, as partial values then the final checked one.
   *
   * @param request the request
   * @param type the answer's type
   * @param options repair, naming and mode
   * @param cancel cancels the stream
   * @param <T> the answer's type
   * @return the stream of partial values
   */
  default <T> StructuredStream<T> streamAs(ChatRequest request, TypeRef<T> type, StructuredOptions options,
      CancelToken cancel) {
    throw new UnsupportedOperationException(getClass().getName() + " does not support typed answers");
  }

  /**
   * Runs the model's tool calls with the given tool sets until it answers without calling tools, or the round
   * limit.
   *
   * @param request the request (its tools are offered besides the sets')
   * @param toolSets what runs the tools
   * @param options round, concurrency and timeout limits
   * @param cancel cancels the run: the model call in flight and the running tools
   * @return how the run ended
   */
  default ToolRunResult runTools(ChatRequest request, List<ToolSet> toolSets, ToolRunOptions options,
      CancelToken cancel) {
    throw new UnsupportedOperationException(getClass().getName() + " does not run tools");
  }

  /**
   * The streamed form of {@link #runTools}: each round's model call streams.
   *
   * @param request the request
   * @param toolSets what runs the tools
   * @param options round, concurrency and timeout limits
   * @param cancel cancels the run
   * @return the run's events
   */
  default ToolRunStream streamTools(ChatRequest request, List<ToolSet> toolSets, ToolRunOptions options,
      CancelToken cancel) {
    throw new UnsupportedOperationException(getClass().getName() + " does not run tools");
  }

  /**
   * Counts the input tokens of a request for the client's model, without running it.
   *
   * @param request the request
   * @param cancel cancels a count made by the provider's endpoint
   * @return the count and how it was made
   */
  default TokenCount countTokens(ChatRequest request, CancelToken cancel) {
    throw new UnsupportedOperationException(getClass().getName() + " does not count tokens");
  }

  /**
   * Runs an embeddings call: all inputs, in as many requests as the provider's batch limit needs.
   *
   * @param request the request
   * @param cancel cancels the call
   * @return one vector per input, in input order
   */
  default EmbeddingResponse embed(EmbeddingRequest request, CancelToken cancel) {
    throw new UnsupportedOperationException(getClass().getName() + " does not run embeddings");
  }

  /**
   * Runs an embeddings call without blocking the caller.
   *
   * @param request the request
   * @param cancel cancels the call; cancelling the future does too
   * @return the future answer
   */
  default CompletableFuture<EmbeddingResponse> embedAsync(EmbeddingRequest request, CancelToken cancel) {
    throw new UnsupportedOperationException(getClass().getName() + " does not run embeddings");
  }

  /**
   * Runs a rerank call.
   *
   * @param request the request
   * @param cancel cancels the call
   * @return the ranked documents
   */
  default RerankResponse rerank(RerankRequest request, CancelToken cancel) {
    throw new UnsupportedOperationException(getClass().getName() + " does not rerank");
  }

  /**
   * Runs a rerank call without blocking the caller.
   *
   * @param request the request
   * @param cancel cancels the call; cancelling the future does too
   * @return the future answer
   */
  default CompletableFuture<RerankResponse> rerankAsync(RerankRequest request, CancelToken cancel) {
    throw new UnsupportedOperationException(getClass().getName() + " does not rerank");
  }

  /** Releases resources; idempotent. */
  @Override
  void close();
}
