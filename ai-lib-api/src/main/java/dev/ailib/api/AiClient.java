package dev.ailib.api;

import dev.ailib.api.spi.ClientEngine;
import java.util.Objects;

/**
 * The one client for every provider. Thread-safe; create once and share; close when done.
 *
 * <pre>{@code
 * try (AiClient client = AiClient.create("openai/gpt-4o")) {
 *   ChatResponse r = client.chat().user("Hello!").execute();
 * }
 * }</pre>
 */
public final class AiClient implements AutoCloseable {
  private final ClientEngine engine;
  private final String model;

  AiClient(ClientEngine engine, String model) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.model = model;
  }

  /**
   * A client for {@code provider/model} with every other setting from the environment and defaults.
   *
   * @param model such as {@code anthropic/claude-3-5-sonnet}
   * @return the client
   */
  public static AiClient create(String model) {
    return builder().model(model).build();
  }

  /** A builder for a configured client. */
  public static AiClientBuilder builder() {
    return new AiClientBuilder();
  }

  /** Starts a chat call. */
  public ChatRequestBuilder chat() {
    return new ChatRequestBuilder(engine);
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
