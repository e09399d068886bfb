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
  private final List<ToolSet> toolSets = new ArrayList<>();
  private PromptCache promptCache;
  private String tag;

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
   * Tool sets for {@link #runTools()} and {@link #streamTools()}: their tools are offered to the model and their
   * code runs the model's calls (local handlers built with {@link Tools}, MCP servers, ...).
   *
   * @param sets the tool sets; tool names must be unique across them
   * @return this
   */
  public ChatRequestBuilder toolSets(ToolSet... sets) {
    for (ToolSet set : sets) {
      toolSets.add(Objects.requireNonNull(set, "tool set"));
    }
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

  /**
   * Asks the provider to cache the request's stable prefix where its wire format has controls for it (Anthropic's
   * {@code cache_control} breakpoints, OpenAI's {@code prompt_cache_key}); see {@link PromptCache}.
   *
   * @param cache the setting
   * @return this
   */
  public ChatRequestBuilder promptCache(PromptCache cache) {
    this.promptCache = Objects.requireNonNull(cache, "promptCache");
    return this;
  }

  /**
   * Labels the call (such as with a tenant id) for {@link SpendListener}s and telemetry listeners
   * ({@link Spend#tag()}); never sent to the provider.
   *
   * @param value the label, not blank
   * @return this
   */
  public ChatRequestBuilder tag(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("tag is null or blank");
    }
    this.tag = value;
    return this;
  }

  /**
   * Counts the input tokens of the request as built so far, without running it ({@link AiClient#countTokens}).
   *
   * @return the count and how it was made
   */
  public TokenCount countTokens() {
    return engine.countTokens(build(), new CancelToken());
  }

  /** The request as built so far. */
  public ChatRequest build() {
    if (messages.isEmpty()) {
      throw new IllegalStateException("a chat request needs at least one message: call user(...) or messages(...)");
    }
    return new ChatRequest(messages, temperature, maxTokens, topP, stop, tools, toolChoice, responseFormat, extraParams,
        null, promptCache, tag);
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

  // ---------------------------------------------------------------- typed answers

  /**
   * Runs the call and returns its answer as a value of a Java type (a record, an enum, a list, ...). The JSON schema
   * is generated from the type (every property required, {@code Optional} ones nullable,
   * {@code additionalProperties: false}, descriptions from {@link Description}) and asked for the way the provider's
   * manifest says ({@link StructuredOutputMode}, in {@link CallStats#structuredOutput()}). The answer is checked
   * against the schema; an answer that is not valid JSON, is cut off or does not match is sent back once with what
   * was wrong ({@link StructuredOptions#repairAttempts()}).
   *
   * @param type the answer's type
   * @param <T> the type
   * @return the typed answer with its response and figures
   * @throws dev.ailib.api.error.StructuredOutputException when the answer is still not valid after the repairs
   * @throws dev.ailib.api.error.ProtocolException when the type's schema breaks the provider's rules for the chosen
   *     mechanism (before any network call)
   */
  public <T> StructuredResult<T> executeAs(Class<T> type) {
    return executeAs(TypeRef.of(type), StructuredOptions.DEFAULTS, new CancelToken());
  }

  /**
   * Runs the call and returns its answer as a value of a generic type, such as {@code new TypeRef<List<Person>>()
   * {}}.
   *
   * @param type the answer's type
   * @param <T> the type
   * @return the typed answer with its response and figures
   */
  public <T> StructuredResult<T> executeAs(TypeRef<T> type) {
    return executeAs(type, StructuredOptions.DEFAULTS, new CancelToken());
  }

  /**
   * Runs the call and returns its typed answer, with options, cancellable.
   *
   * @param type the answer's type
   * @param options repair, naming and mode
   * @param cancel cancels the call
   * @param <T> the type
   * @return the typed answer with its response and figures
   */
  public <T> StructuredResult<T> executeAs(TypeRef<T> type, StructuredOptions options, CancelToken cancel) {
    return engine.executeAs(build(), Objects.requireNonNull(type, "type"), Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(cancel, "cancel"));
  }

  /**
   * Streams the typed answer: partial values as the JSON arrives, then the complete, checked value.
   *
   * @param type the answer's type
   * @param <T> the type
   * @return the stream; close it when done
   */
  public <T> StructuredStream<T> streamAs(Class<T> type) {
    return streamAs(TypeRef.of(type), StructuredOptions.DEFAULTS, new CancelToken());
  }

  /**
   * Streams a typed answer of a generic type.
   *
   * @param type the answer's type
   * @param <T> the type
   * @return the stream; close it when done
   */
  public <T> StructuredStream<T> streamAs(TypeRef<T> type) {
    return streamAs(type, StructuredOptions.DEFAULTS, new CancelToken());
  }

  /**
   * Streams a typed answer, with options, cancellable.
   *
   * @param type the answer's type
   * @param options repair, naming and mode
   * @param cancel cancels the stream
   * @param <T> the type
   * @return the stream; close it when done
   */
  public <T> StructuredStream<T> streamAs(TypeRef<T> type, StructuredOptions options, CancelToken cancel) {
    return engine.streamAs(build(), Objects.requireNonNull(type, "type"), Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(cancel, "cancel"));
  }

  // ---------------------------------------------------------------- tool runs

  /**
   * Runs the conversation with the {@link #toolSets tool sets}: each time the model asks for tools, their calls run
   * (parallel calls concurrently) and the results go back, until the model answers without tools or
   * {@link ToolRunOptions#DEFAULTS the round limit} is reached. A tool that fails or times out is an error result
   * the model reads, not an exception.
   *
   * @return how the run ended, with the whole conversation
   */
  public ToolRunResult runTools() {
    return runTools(ToolRunOptions.DEFAULTS, new CancelToken());
  }

  /**
   * Runs the conversation with the tool sets, with limits, cancellable.
   *
   * @param options round, concurrency and timeout limits
   * @param cancel cancels the model call in flight and the running tools
   * @return how the run ended
   */
  public ToolRunResult runTools(ToolRunOptions options, CancelToken cancel) {
    requireToolSets();
    return engine.runTools(build(), List.copyOf(toolSets), Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(cancel, "cancel"));
  }

  /**
   * Runs the conversation with the tool sets, each model call streamed.
   *
   * @return the run's events; close the stream when done
   */
  public ToolRunStream streamTools() {
    return streamTools(ToolRunOptions.DEFAULTS, new CancelToken());
  }

  /**
   * Runs the conversation with the tool sets, each model call streamed, with limits, cancellable.
   *
   * @param options round, concurrency and timeout limits
   * @param cancel cancels the run
   * @return the run's events; close the stream when done
   */
  public ToolRunStream streamTools(ToolRunOptions options, CancelToken cancel) {
    requireToolSets();
    return engine.streamTools(build(), List.copyOf(toolSets), Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(cancel, "cancel"));
  }

  private void requireToolSets() {
    if (toolSets.isEmpty()) {
      throw new IllegalStateException("a tool run needs the code that runs the tools: call toolSets(...) with local "
          + "handlers (Tools.builder()...build()) or MCP servers first");
    }
  }
}
