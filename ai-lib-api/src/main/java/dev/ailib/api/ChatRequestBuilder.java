package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import dev.ailib.api.internal.JsonValues;
import dev.ailib.api.spi.ClientEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Builds one chat call and runs it. Obtain from {@link AiClient#chat()}; not thread-safe; one builder
 * per call. Parameters are checked against the provider's manifest before any network call.
 *
 * <p>Errors follow the library's contract (see {@link AiClient}): an argument that can never be right fails at
 * once, in the method that took it, with a {@link NullPointerException} ({@code null} where a value is required)
 * or an {@link IllegalArgumentException} (a value wrong in itself: a parameter that is not a JSON value, a
 * non-finite temperature), and a request that cannot be sent as built fails in the method that runs it with an
 * {@link IllegalStateException} (no message; a tool run without tool sets); each message names the argument and
 * what was wrong. Everything that depends on the provider (its manifest's ranges and capabilities, the
 * credentials, the network, the answer) is a {@link dev.ailib.api.error.AiLibException}.
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
   * @throws NullPointerException when the text is null
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
    messages.add(Checks.notNull(message, "message"));
    return this;
  }

  /**
   * Adds messages, in order, after those already added.
   *
   * @param list the messages
   * @return this
   * @throws NullPointerException naming the list or the element that is null
   */
  public ChatRequestBuilder messages(List<Message> list) {
    messages.addAll(Checks.elements(list, "messages"));
    return this;
  }

  /**
   * Sampling temperature.
   *
   * @param value the value, checked against the manifest's range
   * @return this
   * @throws IllegalArgumentException when the value is NaN or infinite
   */
  public ChatRequestBuilder temperature(double value) {
    this.temperature = finite("temperature", value);
    return this;
  }

  /**
   * Output token limit.
   *
   * @param value the limit, at least 1 (and within the model's output limit, checked against the manifest)
   * @return this
   * @throws IllegalArgumentException when the value is below 1
   */
  public ChatRequestBuilder maxTokens(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, was " + value);
    }
    this.maxTokens = value;
    return this;
  }

  /**
   * Nucleus sampling.
   *
   * @param value the value, checked against the manifest's range
   * @return this
   * @throws IllegalArgumentException when the value is NaN or infinite
   */
  public ChatRequestBuilder topP(double value) {
    this.topP = finite("topP", value);
    return this;
  }

  /**
   * Stop sequences.
   *
   * @param sequences the sequences
   * @return this
   * @throws NullPointerException naming the sequence that is null
   */
  public ChatRequestBuilder stop(String... sequences) {
    stop.addAll(Checks.elements("stop", sequences));
    return this;
  }

  /**
   * Tools the model may call.
   *
   * @param list the tools
   * @return this
   * @throws NullPointerException naming the list or the element that is null
   */
  public ChatRequestBuilder tools(List<ToolDefinition> list) {
    tools.addAll(Checks.elements(list, "tools"));
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
    toolSets.addAll(Checks.elements("toolSets", sets));
    return this;
  }

  /**
   * How tools may be used.
   *
   * @param choice the choice, or null for the provider's default
   */
  public ChatRequestBuilder toolChoice(ToolChoice choice) {
    this.toolChoice = choice;
    return this;
  }

  /**
   * The answer's shape.
   *
   * @param format the format, or null for free text
   * @return this
   */
  public ChatRequestBuilder responseFormat(ResponseFormat format) {
    this.responseFormat = format;
    return this;
  }

  /**
   * A provider extra or protocol parameter by name, such as {@code frequency_penalty} or {@code seed}.
   * Checked against the manifest; a name the manifest does not know is sent as given. The value is copied: later
   * changes to a map or list given here do not change the request.
   *
   * @param name the parameter name
   * @param value a JSON value: {@code null}, a {@link String}, {@link Boolean}, finite {@link Number} (Integer, Long,
   *     Double, BigInteger, BigDecimal, ...), or a {@link List}, array or {@link Map} with String keys of such values,
   *     nested at most 100 levels
   * @return this
   * @throws NullPointerException when the name is null
   * @throws IllegalArgumentException when the name is blank, or the value is not a JSON value (the message names the
   *     parameter, where in the value the problem is, and the type found), is nested too deep or contains itself
   */
  public ChatRequestBuilder param(String name, Object value) {
    Checks.notNull(name, "param name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("param name is blank");
    }
    if (ChatRequest.isRemoteMcpServers(name, value)) {
      @SuppressWarnings("unchecked")
      List<RemoteMcpServer> servers = (List<RemoteMcpServer>) value;
      return remoteMcpServers(servers);
    }
    extraParams.put(name, JsonValues.copy("param '" + name + "'", value));
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
    extraParams.put(ChatRequest.MCP_SERVERS, Checks.elements(servers, "remoteMcpServers"));
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
    this.promptCache = Checks.notNull(cache, "promptCache");
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

  /**
   * The request as built so far.
   *
   * @return the request
   * @throws IllegalStateException when no message was added
   */
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
   * @throws NullPointerException when the token is null
   */
  public ChatResult executeWithStats(CancelToken cancel) {
    Checks.notNull(cancel, "cancel");
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
   * @throws NullPointerException when the token is null
   */
  public ChatStream stream(CancelToken cancel) {
    Checks.notNull(cancel, "cancel");
    return engine.stream(build(), cancel);
  }

  /**
   * Streams the answer to a handler (push form) on the client's delivery threads, without a thread per stream
   * (see {@link StreamHandler} for what a handler may do on them).
   *
   * @param handler receives the events
   * @return a handle to cancel or await the stream
   */
  public StreamSubscription stream(StreamHandler handler) {
    Checks.notNull(handler, "handler");
    return engine.push(build(), handler);
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
    return engine.executeAs(build(), Checks.notNull(type, "type"), Checks.notNull(options, "options"),
        Checks.notNull(cancel, "cancel"));
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
    return engine.streamAs(build(), Checks.notNull(type, "type"), Checks.notNull(options, "options"),
        Checks.notNull(cancel, "cancel"));
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
    return engine.runTools(build(), List.copyOf(toolSets), Checks.notNull(options, "options"),
        Checks.notNull(cancel, "cancel"));
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
    return engine.streamTools(build(), List.copyOf(toolSets), Checks.notNull(options, "options"),
        Checks.notNull(cancel, "cancel"));
  }

  private static double finite(String name, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number, was " + value);
    }
    return value;
  }

  private void requireToolSets() {
    if (toolSets.isEmpty()) {
      throw new IllegalStateException("a tool run needs the code that runs the tools: call toolSets(...) with local "
          + "handlers (Tools.builder()...build()) or MCP servers first");
    }
  }
}
