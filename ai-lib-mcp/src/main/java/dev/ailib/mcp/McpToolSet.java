package dev.ailib.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.ToolSet;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.StructuredOutputException;
import dev.ailib.mcp.internal.Failures;
import dev.ailib.mcp.internal.ProcessTransport;
import dev.ailib.mcp.internal.Redactor;
import dev.ailib.mcp.internal.ToolResults;
import dev.ailib.mcp.internal.TrackingTransport;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.lang.System.Logger.Level;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The tools of one MCP server as a {@link ToolSet}: connects (a subprocess over stdio, or streamable HTTP), performs
 * the MCP handshake, lists the server's tools and offers each allowed one to the model as a function named
 * {@code mcp__<server>__<tool>}; runs the model's calls of them on the server.
 *
 * <pre>{@code
 * try (McpToolSet files = McpToolSet.connect(McpServerConfig.stdio("files", List.of("my-mcp-server")).build())) {
 *   List<ToolDefinition> tools = files.definitions();   // mcp__files__read_file, ...
 *   ContentBlock.ToolResult r = files.call(modelsCall, cancelToken);
 * }
 * }</pre>
 *
 * <p>Every call ends with a result, never an exception of the call itself: the tool's answer (text, structured
 * content as JSON, its own error with {@code isError}); or a {@link McpFailure} as an error result: invalid
 * arguments, a JSON-RPC error, structured content that breaks the tool's output schema, a server that cannot be
 * reached or dies during the call (reported as soon as its process ends, not at the timeout), the call timeout
 * ({@link McpServerConfig#callTimeout()}), or cancellation. A timeout or a cancellation (the {@link CancelToken}, the
 * calling thread's interrupt) stops waiting at once and sends the server MCP's {@code notifications/cancelled}.
 *
 * <p>Tools the server adds or removes later ({@code notifications/tools/list_changed}) show in the next
 * {@link #definitions()}. A tool whose full name would not be a valid function name for model APIs (letters, digits,
 * {@code _}, {@code -}, at most 64 characters) is left out with a warning and listed by {@link #skippedTools()}.
 *
 * <p>Thread-safe: calls may run in parallel. {@link #close()} ends calls in flight (as cancelled), closes the HTTP
 * session or stops the subprocess (input closed, then terminate, then kill, each step bounded by
 * {@link McpServerConfig#shutdownTimeout()}).
 */
public final class McpToolSet implements ToolSet, AutoCloseable {
  /** The prefix of every tool name. */
  public static final String PREFIX = "mcp__";
  private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String CLIENT_NAME = "ai-lib-java";
  private static final String CLIENT_VERSION = "0.1";
  private static final System.Logger LOG = System.getLogger(McpToolSet.class.getName());
  /** The longest a ping after a broken HTTP stream may take before waiting calls fail as unavailable. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private final McpServerConfig config;
  private final ObjectMapper json = new ObjectMapper();
  private final ToolResults results = new ToolResults(json);
  private final JsonSchemaValidator validator = new DefaultJsonSchemaValidator(json);
  private final Redactor redactor;
  private final TrackingTransport transport;
  private final ProcessTransport process;
  private final McpAsyncClient client;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<Catalog> catalog = new AtomicReference<>(Catalog.EMPTY);
  /** Every full name ever offered: a call of one the server has since removed is an error result, not a mistake. */
  private final Set<String> everOffered = ConcurrentHashMap.newKeySet();

  /** The offered tools by full name, and the names left out. */
  private record Catalog(Map<String, RemoteTool> tools, List<ToolDefinition> definitions, List<String> skipped) {
    static final Catalog EMPTY = new Catalog(Map.of(), List.of(), List.of());
  }

  private record RemoteTool(McpSchema.Tool tool, ToolDefinition definition) {
  }

  private McpToolSet(McpServerConfig config) {
    this.config = config;
    this.redactor = new Redactor(config);
    McpJsonMapper mapper = new JacksonMcpJsonMapper(json);
    AtomicReference<TrackingTransport> self = new AtomicReference<>();
    McpClientTransport base;
    if (config.transport() instanceof McpServerConfig.Stdio stdio) {
      process = new ProcessTransport(config.name(), stdio, mapper, config.shutdownTimeout(),
          reason -> self.get().serverGone(McpFailure.SERVER_UNAVAILABLE, reason), redactor);
      base = process;
    } else {
      McpServerConfig.StreamableHttp http = (McpServerConfig.StreamableHttp) config.transport();
      process = null;
      HttpRequest.Builder request = HttpRequest.newBuilder();
      http.headers().forEach(request::header);
      String endpoint = http.endpoint().toString();
      base = HttpClientStreamableHttpTransport.builder(endpoint).endpoint(endpoint).jsonMapper(mapper)
          .connectTimeout(config.connectTimeout()).requestBuilder(request).build();
    }
    transport = new TrackingTransport(base, config.name(), process != null ? null
        : min(config.requestTimeout(), PROBE_TIMEOUT));
    self.set(transport);
    Duration sdkTimeout = config.callTimeout().compareTo(config.requestTimeout()) > 0 ? config.callTimeout()
        : config.requestTimeout();
    client = McpClient.async(transport)
        .clientInfo(new McpSchema.Implementation(CLIENT_NAME, CLIENT_VERSION))
        .requestTimeout(sdkTimeout.plusSeconds(1))
        .initializationTimeout(config.connectTimeout())
        .jsonSchemaValidator(validator)
        .toolsChangeConsumer(tools -> Mono.fromRunnable(() -> offer(tools)))
        .build();
  }

  /**
   * Connects to a server: starts or reaches it, performs the MCP handshake and lists its tools.
   *
   * @param config the server
   * @return the connected tool set; close it when done
   * @throws McpException when the server cannot be started or reached, the handshake fails, or listing the tools
   *     fails or takes longer than the configured timeouts; nothing is left running then
   */
  public static McpToolSet connect(McpServerConfig config) {
    Objects.requireNonNull(config, "config");
    McpToolSet set = new McpToolSet(config);
    try {
      set.client.initialize().block(config.connectTimeout().plusSeconds(1));
      McpSchema.ListToolsResult listed = set.client.listTools().block(config.requestTimeout().plusSeconds(1));
      set.offer(listed == null ? List.of() : listed.tools());
      return set;
    } catch (RuntimeException e) {
      McpException failure = set.connectFailure(e);
      set.close();
      throw failure;
    }
  }

  private McpException connectFailure(RuntimeException e) {
    Failures.Classified c = Failures.classify(e);
    StandardErrorCode code = c.failure() == McpFailure.TIMEOUT ? StandardErrorCode.TIMEOUT
        : StandardErrorCode.SERVER_ERROR;
    String gone = transport.goneReason();
    String what = gone != null ? gone : c.message();
    String stderr = process == null ? "" : process.stderrSummary();
    return new McpException(code, config.name(), redactor.mask("cannot connect to MCP server '" + config.name()
        + "' (" + config.transport() + "): " + what + stderr), e);
  }

  private void offer(List<McpSchema.Tool> listed) {
    Map<String, RemoteTool> tools = new LinkedHashMap<>();
    List<ToolDefinition> definitions = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> offeredNames = new ArrayList<>();
    List<String> skippedBefore = catalog.get().skipped();
    for (McpSchema.Tool tool : listed == null ? List.<McpSchema.Tool>of() : listed) {
      offeredNames.add(tool.name());
      if (!config.offers(tool.name())) {
        continue;
      }
      String name = PREFIX + config.name() + "__" + tool.name();
      if (!FUNCTION_NAME.matcher(name).matches()) {
        skipped.add(tool.name());
        if (!skippedBefore.contains(tool.name())) {
          LOG.log(Level.WARNING, () -> "MCP server '" + config.name() + "': tool '" + tool.name() + "' is left out: '"
              + name + "' is not a valid function name for model APIs (letters, digits, '_', '-', at most 64)");
        }
        continue;
      }
      ToolDefinition definition;
      try {
        definition = new ToolDefinition(name, tool.description() != null ? tool.description() : tool.title(),
            tool.inputSchema() == null ? null : json.writeValueAsString(tool.inputSchema()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
        skipped.add(tool.name());
        LOG.log(Level.WARNING, () -> "MCP server '" + config.name() + "': tool '" + tool.name()
            + "' is left out: its input schema is not a JSON object: " + e.getMessage());
        continue;
      }
      tools.put(name, new RemoteTool(tool, definition));
      definitions.add(definition);
    }
    for (String allowed : config.allow()) {
      if (!offeredNames.contains(allowed) && catalog.get() == Catalog.EMPTY) {
        LOG.log(Level.WARNING, () -> "MCP server '" + config.name() + "': the allow list names '" + allowed
            + "', which the server does not offer; it offers " + offeredNames);
      }
    }
    everOffered.addAll(tools.keySet());
    catalog.set(new Catalog(Collections.unmodifiableMap(tools), List.copyOf(definitions), List.copyOf(skipped)));
  }

  /** The server's configured name. */
  public String serverName() {
    return config.name();
  }

  /** The server's configuration. */
  public McpServerConfig config() {
    return config;
  }

  /**
   * The offered tools: allowed, not denied, named {@code mcp__<server>__<tool>}, in the server's order.
   *
   * @return the definitions as of the last listing
   */
  @Override
  public List<ToolDefinition> definitions() {
    return catalog.get().definitions();
  }

  /**
   * The server's names of allowed tools left out because their full name is not a valid function name.
   *
   * @return the names, as of the last listing
   */
  public List<String> skippedTools() {
    return catalog.get().skipped();
  }

  /**
   * The name and version the server reported in the handshake.
   *
   * @return such as {@code "files 1.2.0"}, or null when not connected
   */
  public String serverInfo() {
    McpSchema.Implementation info = client.getServerInfo();
    return info == null ? null : info.name() + " " + info.version();
  }

  /**
   * Runs a call of one of this set's tools on the server and waits for its result, at most the call timeout.
   *
   * @param call the model's call; its name must be one of {@link #definitions()}
   * @param cancel cancelling it stops the wait at once and cancels the call on the server
   * @return the tool's answer, or an error result classified by {@link McpFailure}
   * @throws IllegalArgumentException when the call names a tool this set does not offer, or has no id
   */
  @Override
  public ContentBlock.ToolResult call(ToolCall call, CancelToken cancel) {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(cancel, "cancel");
    if (call.id() == null) {
      throw new IllegalArgumentException("tool call '" + call.name() + "' has no id");
    }
    Catalog offered = catalog.get();
    RemoteTool tool = offered.tools().get(call.name());
    if (tool == null && everOffered.contains(call.name())) {
      return results.failed(call.id(), McpFailure.PROTOCOL_ERROR, redactor.mask("MCP server '" + config.name()
          + "': tool '" + call.name() + "' is no longer offered by the server; it offers " + offered.tools().keySet()));
    }
    if (tool == null) {
      throw new IllegalArgumentException("'" + call.name() + "' is not a tool of MCP server '" + config.name()
          + "'; it offers " + offered.tools().keySet());
    }
    String id = call.id();
    if (closed.get()) {
      return failed(id, tool, McpFailure.CANCELLED, "the tool set is closed");
    }
    Map<String, Object> arguments;
    try {
      arguments = call.arguments();
    } catch (StructuredOutputException e) {
      return failed(id, tool, McpFailure.INVALID_ARGUMENTS, "the arguments are not a JSON object: "
          + abbreviate(call.argumentsJson()));
    }
    if (cancel.isCancelled()) {
      return failed(id, tool, McpFailure.CANCELLED, "the call was cancelled before it was sent");
    }
    TrackingTransport.CallSlot slot = new TrackingTransport.CallSlot();
    CompletableFuture<McpSchema.CallToolResult> answer = client
        .callTool(new McpSchema.CallToolRequest(tool.tool().name(), arguments))
        .contextWrite(Context.of(TrackingTransport.CALL_SLOT, slot))
        .toFuture();
    Duration timeout = config.callTimeout();
    try (CancelToken.Registration r = cancel.onCancel(() -> answer.cancel(false))) {
      McpSchema.CallToolResult result = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return checked(id, tool, result);
    } catch (CancellationException e) {
      transport.abandon(slot, "cancelled by the client");
      return failed(id, tool, McpFailure.CANCELLED, "the call was cancelled");
    } catch (TimeoutException e) {
      answer.cancel(false);
      transport.abandon(slot, "timed out on the client after " + human(timeout));
      return failed(id, tool, McpFailure.TIMEOUT, "no answer within " + human(timeout)
          + "; the call was cancelled");
    } catch (ExecutionException e) {
      Failures.Classified c = Failures.classify(e.getCause());
      return failed(id, tool, c.failure(), c.message());
    } catch (InterruptedException e) {
      answer.cancel(false);
      transport.abandon(slot, "the client thread was interrupted");
      Thread.currentThread().interrupt();
      return failed(id, tool, McpFailure.CANCELLED, "the calling thread was interrupted");
    }
  }

  private ContentBlock.ToolResult checked(String id, RemoteTool tool, McpSchema.CallToolResult result) {
    if (result == null) {
      return failed(id, tool, McpFailure.PROTOCOL_ERROR, "the server answered without a result");
    }
    Map<String, Object> outputSchema = tool.tool().outputSchema();
    if (outputSchema != null && !Boolean.TRUE.equals(result.isError())) {
      if (result.structuredContent() == null) {
        return failed(id, tool, McpFailure.INVALID_OUTPUT, "the tool declares an output schema but returned no "
            + "structured content");
      }
      JsonSchemaValidator.ValidationResponse v = validator.validate(outputSchema, result.structuredContent());
      if (!v.valid()) {
        return failed(id, tool, McpFailure.INVALID_OUTPUT, "the structured content does not match the tool's output "
            + "schema: " + v.errorMessage());
      }
    }
    return results.answered(id, result);
  }

  private ContentBlock.ToolResult failed(String id, RemoteTool tool, McpFailure failure, String message) {
    return results.failed(id, failure, redactor.mask("MCP server '" + config.name() + "', tool '"
        + tool.tool().name() + "': " + message));
  }

  /**
   * Ends calls in flight (they return as {@link McpFailure#CANCELLED}), then closes the HTTP session or stops the
   * subprocess. Idempotent; never throws.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    transport.serverGone(McpFailure.CANCELLED, "the tool set was closed");
    Duration bound = config.shutdownTimeout().multipliedBy(3).plusSeconds(1);
    try {
      client.closeGracefully().block(bound);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "MCP server '" + config.name() + "': closing: " + redactor.mask(e.toString()));
    } finally {
      try {
        client.close();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, () -> "MCP server '" + config.name() + "': closing: " + redactor.mask(e.toString()));
      }
    }
  }

  @Override
  public String toString() {
    return "McpToolSet[" + config.name() + ", " + catalog.get().definitions().size() + " tools"
        + (closed.get() ? ", closed" : "") + "]";
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
