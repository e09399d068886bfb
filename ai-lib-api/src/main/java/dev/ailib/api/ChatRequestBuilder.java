package dev.ailib.api;

import dev.ailib.api.spi.ClientEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Builds one chat call and runs it. Obtain from {@link AiClient#chat()}; not thread-safe; one builder
 * per call. Parameters are checked against the provider's manifest before any network call.
 */
public final class ChatRequestBuilder {
  private final ClientEngine engine;
  private final List<Message> messages = new ArrayList<>();
  private Double temperature;
  private Integer maxTokens;
  private Double topP;
  private final List<String> stop = new ArrayList<>();
  private final List<ToolDefinition> tools = new ArrayList<>();
  private ToolChoice toolChoice;
  private ResponseFormat responseFormat;
  private final Map<String, Object> extraParams = new LinkedHashMap<>();

  ChatRequestBuilder(ClientEngine engine) {
    this.engine = engine;
  }

  /**
   * Adds a system message.
   *
   * @param text the instructions
   * @return this
   */
  public ChatRequestBuilder system(String text) {
    messages.add(Message.system(text));
    return this;
  }

  /**
   * Adds a user message.
   *
   * @param text the text
   * @return this
   */
  public ChatRequestBuilder user(String text) {
    messages.add(Message.user(text));
    return this;
  }

  /**
   * Adds an assistant message (conversation history).
   *
   * @param text the text
   * @return this
   */
  public ChatRequestBuilder assistant(String text) {
    messages.add(Message.assistant(text));
    return this;
  }

  /**
   * Adds one message.
   *
   * @param message the message
   * @return this
   */
  public ChatRequestBuilder message(Message message) {
    messages.add(Objects.requireNonNull(message, "message"));
    return this;
  }

  /**
   * Adds messages, in order, after those already added.
   *
   * @param list the messages
   * @return this
   */
  public ChatRequestBuilder messages(List<Message> list) {
    for (Message m : list) {
      message(m);
    }
    return this;
  }

  /**
   * Sampling temperature.
   *
   * @param value the value, checked against the manifest's range
   * @return this
   */
  public ChatRequestBuilder temperature(double value) {
    this.temperature = value;
    return this;
  }

  /**
   * Output token limit.
   *
   * @param value the limit
   * @return this
   */
  public ChatRequestBuilder maxTokens(int value) {
    this.maxTokens = value;
    return this;
  }

  /**
   * Nucleus sampling.
   *
   * @param value the value
   * @return this
   */
  public ChatRequestBuilder topP(double value) {
    this.topP = value;
    return this;
  }

  /**
   * Stop sequences.
   *
   * @param sequences the sequences
   * @return this
   */
  public ChatRequestBuilder stop(String... sequences) {
    stop.addAll(List.of(sequences));
    return this;
  }

  /**
   * Tools the model may call.
   *
   * @param list the tools
   * @return this
   */
  public ChatRequestBuilder tools(List<ToolDefinition> list) {
    tools.addAll(list);
    return this;
  }

  /**
   * How tools may be used.
   *
   * @param choice the choice
   * @return this
   */
  public ChatRequestBuilder toolChoice(ToolChoice choice) {
    this.toolChoice = choice;
    return this;
  }

  /**
   * The answer's shape.
   *
   * @param format the format
   * @return this
   */
  public ChatRequestBuilder responseFormat(ResponseFormat format) {
    this.responseFormat = format;
    return this;
  }

  /**
   * A provider extra or protocol parameter by name, such as {@code frequency_penalty} or {@code seed}.
   * Checked against the manifest; a name the manifest does not know is sent as given.
   *
   * @param name the parameter name
   * @param value a JSON-like value (string, number, boolean, list, map)
   * @return this
   */
  public ChatRequestBuilder param(String name, Object value) {
    extraParams.put(Objects.requireNonNull(name, "name"), value);
    return this;
  }

  /**
   * MCP servers the provider connects to itself, for providers whose manifest declares MCP integration
   * {@code native_api}; sent as the protocol's request parameter {@code mcp_servers} in the provider's own shape.
   * Any other provider refuses the request with E1005 before it is sent. Replaces servers given before.
   *
   * @param servers the servers
   * @return this
   */
  public ChatRequestBuilder remoteMcpServers(List<RemoteMcpServer> servers) {
    extraParams.put(ChatRequest.MCP_SERVERS, List.copyOf(Objects.requireNonNull(servers, "servers")));
    return this;
  }

  /** The request as built so far. */
  public ChatRequest build() {
    if (messages.isEmpty()) {
      throw new IllegalStateException("a chat request needs at least one message: call user(...) or messages(...)");
    }
    return new ChatRequest(messages, temperature, maxTokens, topP, stop, tools, toolChoice, responseFormat, extraParams);
  }

  /** Runs the call and returns the answer. */
  public ChatResponse execute() {
    return executeWithStats().response();
  }

  /** Runs the call and returns the answer with its figures. */
  public ChatResult executeWithStats() {
    return engine.execute(build(), new CancelToken());
  }

  /**
   * Runs the call, cancellable.
   *
   * @param cancel cancels the call from another thread
   * @return the answer with its figures
   */
  public ChatResult executeWithStats(CancelToken cancel) {
    return engine.execute(build(), cancel);
  }

  /** Runs the call without blocking; cancelling the future cancels the call. */
  public CompletableFuture<ChatResult> executeAsync() {
    return engine.executeAsync(build(), new CancelToken());
  }

  /** Streams the answer (pull form). Close the stream when done. */
  public ChatStream stream() {
    return stream(new CancelToken());
  }

  /**
   * Streams the answer (pull form), cancellable from any thread.
   *
   * @param cancel cancels the stream
   * @return the stream; close it when done
   */
  public ChatStream stream(CancelToken cancel) {
    return engine.stream(build(), cancel);
  }

  /**
   * Streams the answer to a handler (push form) on a background thread.
   *
   * @param handler receives the events
   * @return a handle to cancel or await the stream
   */
  public StreamSubscription stream(StreamHandler handler) {
    return engine.push(build(), Objects.requireNonNull(handler, "handler"));
  }

  /**
   * Streams the answer as a {@link Flow.Publisher} (push form with back-pressure). Each subscription
   * starts its own call; cancelling the subscription aborts it.
   *
   * @return the publisher
   */
  public Flow.Publisher<StreamingEvent> publisher() {
    return engine.publisher(build());
  }
}
