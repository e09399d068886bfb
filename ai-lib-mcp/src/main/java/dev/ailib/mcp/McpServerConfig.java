package dev.ailib.mcp;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to reach one MCP server and which of its tools to offer: its name (the {@code <server>} of the tool names
 * {@code mcp__<server>__<tool>}), its transport (a subprocess speaking stdio, or a streamable HTTP endpoint), the
 * allow and deny lists, and the timeouts. Immutable; build with {@link #stdio(String, List)} or
 * {@link #http(String, URI)}.
 *
 * <p>{@link #toString()} shows header and environment variable names, never their values (they often hold keys).
 */
public final class McpServerConfig {
  /** Server names: letters, digits, {@code _} and {@code -}; {@code __} is the separator of tool names. */
  private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  /** Default time a {@code tools/call} may take. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
  /** Default time for starting or reaching the server and the {@code initialize} handshake. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);
  /** Default time for other requests ({@code tools/list}). */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
  /** Default time each step of closing may take (stdin closed, then terminate, then kill). */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  /** The transport to a server: a subprocess or an HTTP endpoint. */
  public sealed interface Transport permits Stdio, StreamableHttp {
  }

  /**
   * A server started as a subprocess that speaks MCP on its standard input and output.
   *
   * @param command the program and its arguments
   * @param environment variables added to the inherited environment
   * @param workingDirectory the directory to start in, or null for the current one
   */
  public record Stdio(List<String> command, Map<String, String> environment, Path workingDirectory)
      implements Transport {
    /** Checks and copies. */
    public Stdio {
      command = List.copyOf(command);
      environment = Map.copyOf(environment);
    }

    @Override
    public String toString() {
      return "stdio " + command + (environment.isEmpty() ? "" : " env " + new java.util.TreeSet<>(environment.keySet()))
          + (workingDirectory == null ? "" : " in " + workingDirectory);
    }
  }

  /**
   * A server reached over the MCP streamable HTTP transport.
   *
   * @param endpoint the MCP endpoint, such as {@code https://example.com/mcp}
   * @param headers headers sent with every request (such as {@code Authorization})
   */
  public record StreamableHttp(URI endpoint, Map<String, String> headers) implements Transport {
    /** Checks and copies. */
    public StreamableHttp {
      Objects.requireNonNull(endpoint, "endpoint");
      headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
      return "streamable HTTP " + endpoint.getScheme() + "://" + endpoint.getAuthority() + endpoint.getRawPath()
          + (headers.isEmpty() ? "" : " headers " + new java.util.TreeSet<>(headers.keySet()));
    }
  }

  private final String name;
  private final Transport transport;
  private final Set<String> allow;
  private final Set<String> deny;
  private final Duration callTimeout;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration shutdownTimeout;

  private McpServerConfig(Builder b) {
    this.name = b.name;
    this.transport = b.transport();
    this.allow = Set.copyOf(b.allow);
    this.deny = Set.copyOf(b.deny);
    this.callTimeout = b.callTimeout;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.shutdownTimeout = b.shutdownTimeout;
  }

  /**
   * A server started as a subprocess.
   *
   * @param name the server's name in tool names: 1 to 32 letters, digits, {@code _} or {@code -}, without {@code __}
   * @param command the program and its arguments, such as {@code ["npx", "-y", "@modelcontextprotocol/server-everything"]}
   * @return a builder
   * @throws IllegalArgumentException when the name or command is not valid
   */
  public static Builder stdio(String name, List<String> command) {
    Objects.requireNonNull(command, "command");
    if (command.isEmpty() || command.stream().anyMatch(s -> s == null || s.isEmpty())) {
      throw new IllegalArgumentException("MCP server '" + name + "': the command must name a program, got " + command);
    }
    return new Builder(name, List.copyOf(command), null);
  }

  /**
   * A server reached over streamable HTTP.
   *
   * @param name the server's name in tool names: 1 to 32 letters, digits, {@code _} or {@code -}, without {@code __}
   * @param endpoint the MCP endpoint URL (http or https)
   * @return a builder
   * @throws IllegalArgumentException when the name or URL is not valid
   */
  public static Builder http(String name, URI endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
      throw new IllegalArgumentException("MCP server '" + name + "': the endpoint must be an http(s) URL with a host, got '"
          + endpoint.getScheme() + "://" + endpoint.getRawAuthority() + "'");
    }
    return new Builder(name, null, endpoint);
  }

  /** The server's name, the {@code <server>} part of its tool names. */
  public String name() {
    return name;
  }

  /** How the server is reached. */
  public Transport transport() {
    return transport;
  }

  /** The MCP tool names to offer; empty means every tool not denied. */
  public Set<String> allow() {
    return allow;
  }

  /** The MCP tool names never to offer; they win over {@link #allow()}. */
  public Set<String> deny() {
    return deny;
  }

  /** How long one {@code tools/call} may take before it is cancelled and answered with a timeout error. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** How long starting or reaching the server and the {@code initialize} handshake may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long other requests ({@code tools/list}) may take. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** How long each step of closing may take. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * Whether a tool of this server is offered: not denied, and allowed when an allow list is given.
   *
   * @param mcpToolName the tool's name on the server
   * @return true when offered
   */
  public boolean offers(String mcpToolName) {
    return !deny.contains(mcpToolName) && (allow.isEmpty() || allow.contains(mcpToolName));
  }

  @Override
  public String toString() {
    return "McpServerConfig[" + name + ", " + transport + (allow.isEmpty() ? "" : ", allow " + new java.util.TreeSet<>(allow))
        + (deny.isEmpty() ? "" : ", deny " + new java.util.TreeSet<>(deny)) + ", callTimeout " + callTimeout + "]";
  }

  /** Builds a {@link McpServerConfig}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<String> command;
    private final URI endpoint;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Path workingDirectory;
    private final Set<String> allow = new LinkedHashSet<>();
    private final Set<String> deny = new LinkedHashSet<>();
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

    private Builder(String name, List<String> command, URI endpoint) {
      Objects.requireNonNull(name, "name");
      if (!SERVER_NAME.matcher(name).matches() || name.contains("__")) {
        throw new IllegalArgumentException("MCP server name '" + name + "' is not valid: use 1 to 32 letters, digits, "
            + "'_' or '-', without '__' (it becomes part of tool names mcp__<server>__<tool>)");
      }
      this.name = name;
      this.command = command;
      this.endpoint = endpoint;
    }

    /**
     * Adds an environment variable for the subprocess (stdio servers only).
     *
     * @param variable the name
     * @param value the value (never printed)
     * @return this builder
     */
    public Builder env(String variable, String value) {
      requireStdio("env");
      environment.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the subprocess's working directory (stdio servers only).
     *
     * @param directory the directory
     * @return this builder
     */
    public Builder workingDirectory(Path directory) {
      requireStdio("workingDirectory");
      this.workingDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Adds a header sent with every HTTP request (HTTP servers only).
     *
     * @param header the name, such as {@code Authorization}
     * @param value the value (never printed)
     * @return this builder
     */
    public Builder header(String header, String value) {
      if (endpoint == null) {
        throw new IllegalArgumentException("MCP server '" + name + "': header(..) applies to HTTP servers; "
            + "pass values to a stdio server with env(..)");
      }
      headers.put(Objects.requireNonNull(header, "header"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sends {@code Authorization: Bearer <token>} with every HTTP request (HTTP servers only).
     *
     * @param token the token (never printed)
     * @return this builder
     */
    public Builder bearerToken(String token) {
      return header("Authorization", "Bearer " + Objects.requireNonNull(token, "token"));
    }

    /**
     * Offers only these tools (by their names on the server). Adds to earlier calls.
     *
     * @param mcpToolNames the names
     * @return this builder
     */
    public Builder allow(String... mcpToolNames) {
      addNames(allow, mcpToolNames, "allow");
      return this;
    }

    /**
     * Never offers these tools (by their names on the server); the deny list wins over the allow list.
     *
     * @param mcpToolNames the names
     * @return this builder
     */
    public Builder deny(String... mcpToolNames) {
      addNames(deny, mcpToolNames, "deny");
      return this;
    }

    /**
     * Sets how long one tool call may take (default {@link #DEFAULT_CALL_TIMEOUT}).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout, "callTimeout");
      return this;
    }

    /**
     * Sets how long connecting and the {@code initialize} handshake may take (default
     * {@link #DEFAULT_CONNECT_TIMEOUT}).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long other requests ({@code tools/list}) may take (default {@link #DEFAULT_REQUEST_TIMEOUT}).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Sets how long each step of closing may take (default {@link #DEFAULT_SHUTDOWN_TIMEOUT}): for a subprocess,
     * waiting for it to exit after its input is closed, then after it is asked to terminate, before it is killed.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = positive(timeout, "shutdownTimeout");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public McpServerConfig build() {
      return new McpServerConfig(this);
    }

    private Transport transport() {
      return command != null ? new Stdio(command, environment, workingDirectory) : new StreamableHttp(endpoint, headers);
    }

    private void requireStdio(String setting) {
      if (command == null) {
        throw new IllegalArgumentException("MCP server '" + name + "': " + setting + "(..) applies to stdio servers; "
            + "send values to an HTTP server with header(..)");
      }
    }

    private void addNames(Set<String> target, String[] names, String list) {
      List<String> bad = new ArrayList<>();
      for (String n : Objects.requireNonNull(names, list)) {
        if (n == null || n.isBlank()) {
          bad.add(String.valueOf(n));
        } else {
          target.add(n);
        }
      }
      if (!bad.isEmpty()) {
        throw new IllegalArgumentException("MCP server '" + name + "': " + list + " list holds blank or null tool names "
            + bad);
      }
    }

    private Duration positive(Duration d, String setting) {
      Objects.requireNonNull(d, setting);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("MCP server '" + name + "': " + setting + " must be positive, got " + d);
      }
      return d;
    }
  }
}
