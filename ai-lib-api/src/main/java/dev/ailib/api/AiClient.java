package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import dev.ailib.api.spi.ClientEngine;

/**
 * The one client for every provider. Thread-safe; create once and share; close when done.
 *
 * <pre>{@code
 * try (AiClient client = AiClient.create("openai/gpt-4o")) {
 *   ChatResponse r = client.chat().user("Hello!").execute();
 * }
 * }</pre>
 *
 * <h2>Errors</h2>
 * Two kinds, told apart by where the fault is:
 * <ul>
 *   <li>A mistake in the calling code, an argument no provider could accept, fails at once in the method that took
 *   it, with the standard exception and a message naming the argument and what was wrong:
 *   {@link NullPointerException} for a missing argument ({@code "cancel must not be null"}),
 *   {@link IllegalArgumentException} for a value wrong in itself (a model that is not {@code provider/model}, a
 *   parameter value that is not JSON, a negative timeout), {@link IllegalStateException} for a call the object
 *   cannot make now (a request with no message, a stream iterated twice). Nothing is sent, retried or reported.
 *   <li>Everything that depends on a provider, its manifest, the environment, the credentials, the network or the
 *   answer is an unchecked {@link dev.ailib.api.error.AiLibException} with a standard code:
 *   {@link dev.ailib.api.error.ProtocolException} (before any network call),
 *   {@link dev.ailib.api.error.RemoteException}, {@link dev.ailib.api.error.TransportException},
 *   {@link dev.ailib.api.error.CancelledException}.
 * </ul>
 * An {@link Error} is never caught or wrapped, and no value given to the library can cause a
 * {@link StackOverflowError} (nesting is checked).
 */
public final class AiClient implements AutoCloseable {
  private final ClientEngine engine;
  private final String model;

  AiClient(ClientEngine engine, String model) {
    this.engine = Checks.notNull(engine, "engine");
    this.model = model;
  }

  /**
   * A client for {@code provider/model} with every other setting from the environment and defaults.
   *
   * @param model such as {@code anthropic/claude-3-5-sonnet}
   * @return the client
   * @throws NullPointerException when the model is null
   * @throws IllegalArgumentException when it is not {@code provider/model}
   * @throws dev.ailib.api.error.AiLibException when the provider or model is unknown, its key is missing or no
   *     engine or transport is found
   */
  public static AiClient create(String model) {
    return builder().model(model).build();
  }

  /** A builder for a configured client. */
  public static AiClientBuilder builder() {
    return new AiClientBuilder();
  }

  /** Starts a chat call (refused before any request when the model or its provider serves no chat). */
  public ChatRequestBuilder chat() {
    return new ChatRequestBuilder(engine);
  }

  /**
   * Counts the input tokens of a request for this client's model before sending it: exactly with the provider's
   * token-counting endpoint where the manifest declares one (Anthropic {@code count_tokens}, Gemini
   * {@code countTokens}; one HTTP request), with the model's tokenizer locally where it is known (OpenAI models:
   * {@code o200k_base}, {@code cl100k_base}, with OpenAI's documented message and tool overhead), else estimated. The
   * result says which ({@link TokenCount#method()}).
   *
   * @param request the request, such as {@code client.chat().user("...").build()}
   * @return the count
   * @throws dev.ailib.api.error.AiLibException when the provider's counting endpoint fails
   */
  public TokenCount countTokens(ChatRequest request) {
    return engine.countTokens(Checks.notNull(request, "request"), new CancelToken());
  }

  /**
   * Starts an embeddings call: vectors for texts, from the client's model (an embedding model, such as
   * {@code openai/text-embedding-3-small}). Refused before any request when the provider's manifest declares no
   * embeddings endpoint.
   */
  public EmbeddingRequestBuilder embeddings() {
    return new EmbeddingRequestBuilder(engine);
  }

  /**
   * Starts a rerank call: documents ranked by relevance to a query, by the client's model (a rerank model, such as
   * {@code cohere/rerank-v3.5}). Refused before any request when the provider's manifest declares no rerank endpoint.
   */
  public RerankRequestBuilder rerank() {
    return new RerankRequestBuilder(engine);
  }

  /** The {@code provider/model} this client calls. */
  public String model() {
    return model;
  }

  /** Releases connections, threads and caches. Calls in flight are cancelled. Idempotent. */
  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return "AiClient[model=" + model + ", engine=" + engine + "]";
  }
}
