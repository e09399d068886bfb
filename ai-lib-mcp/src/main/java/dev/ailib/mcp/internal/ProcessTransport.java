package dev.ailib.mcp.internal;

import dev.ailib.mcp.McpServerConfig;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpTransportException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The MCP stdio transport: starts the server as a subprocess and exchanges newline-delimited JSON-RPC messages on its
 * standard input and output, using the SDK's message types and JSON mapper.
 *
 * <p>Written here instead of using the SDK's {@code StdioClientTransport}, which neither reports the end of the
 * process (calls in flight then wait for their timeout when the server dies) nor bounds its shutdown (it waits for
 * the process without limit after one terminate signal). This one reports the end of the server's output, with the
 * exit code, to a listener as soon as every line before it was handled, and closes as the MCP specification says:
 * close the server's input, wait, terminate, wait, kill, each wait bounded.
 *
 * <p>Threads: one reads the server's output, one its error output (kept as a short tail for messages), one writes
 * (so a server that stops reading blocks no caller). All are daemon threads named after the server.
 */
public final class ProcessTransport implements McpClientTransport {
  /** The longest line accepted from the server, in characters (a longer one ends the connection). */
  static final int MAX_LINE_CHARS = 16 * 1024 * 1024;
  private static final int STDERR_TAIL_LINES = 10;
  private static final int STDERR_LINE_CHARS = 300;
  private static final System.Logger LOG = System.getLogger(ProcessTransport.class.getName());

  private final String serverName;
  private final McpServerConfig.Stdio spec;
  private final McpJsonMapper mapper;
  private final Duration shutdownStep;
  private final Consumer<String> onGone;
  private final Redactor redactor;
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private final ExecutorService writer;
  private volatile Process process;
  private volatile String startFailure;

  /**
   * Creates the transport; the process starts on {@link #connect}.
   *
   * @param serverName the server's name, for thread names and messages
   * @param spec the command, environment and directory
   * @param mapper the SDK's JSON mapper
   * @param shutdownStep how long each step of {@link #closeGracefully()} waits for the process to exit
   * @param onGone told once, with a reason, when the server's output ends while not closing
   * @param redactor masks configured environment values in the kept error output
   */
  public ProcessTransport(String serverName, McpServerConfig.Stdio spec, McpJsonMapper mapper, Duration shutdownStep,
      Consumer<String> onGone, Redactor redactor) {
    this.serverName = Objects.requireNonNull(serverName, "serverName");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.shutdownStep = Objects.requireNonNull(shutdownStep, "shutdownStep");
    this.onGone = Objects.requireNonNull(onGone, "onGone");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, "stdin"));
  }

  @Override
  public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    return Mono.fromRunnable(() -> start(handler));
  }

  private void start(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("MCP server '" + serverName + "': the stdio transport connects once");
    }
    ProcessBuilder pb = new ProcessBuilder(spec.command());
    pb.environment().putAll(spec.environment());
    if (spec.workingDirectory() != null) {
      pb.directory(spec.workingDirectory().toFile());
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException | RuntimeException e) {
      startFailure = "cannot start its process " + spec.command() + ": " + e.getMessage();
      onGone.accept(startFailure);
      throw new McpTransportException(startFailure, e);
    }
    process = p;
    daemon(() -> readOutput(p, handler), "stdout").start();
    daemon(() -> readErrors(p), "stderr").start();
  }

  private void readOutput(Process p, Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    String ending;
    try (Reader in = new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)) {
      LineReader lines = new LineReader(in, MAX_LINE_CHARS);
      String line;
      while ((line = lines.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JSONRPCMessage message;
        try {
          message = McpSchema.deserializeJsonRpcMessage(mapper, line);
        } catch (IOException | RuntimeException e) {
          String shown = line.length() > 200 ? line.substring(0, 200) + "..." : line;
          LOG.log(Level.WARNING, () -> "MCP server '" + serverName + "' wrote a line that is not a JSON-RPC message "
              + "on its standard output (ignored): " + shown);
          continue;
        }
        handler.apply(Mono.just(message)).subscribe(ok -> { }, e -> LOG.log(Level.DEBUG,
            () -> "MCP server '" + serverName + "': handling a message failed: " + e));
      }
      ending = "closed its standard output";
    } catch (LineReader.TooLongException e) {
      ending = "wrote a line longer than " + MAX_LINE_CHARS + " characters";
      p.destroyForcibly();
    } catch (IOException e) {
      ending = "broke its standard output (" + e.getMessage() + ")";
    }
    if (closing.get()) {
      return;
    }
    String reason = describeEnd(p, ending);
    LOG.log(Level.WARNING, () -> "MCP server '" + serverName + "' " + reason + stderrSummary());
    onGone.accept(reason);
  }

  private String describeEnd(Process p, String ending) {
    try {
      if (p.waitFor(shutdownStep.toMillis(), TimeUnit.MILLISECONDS)) {
        return "its process exited with code " + p.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "its process " + ending;
  }

  private void readErrors(Process p) {
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        String kept = mask(line.length() > STDERR_LINE_CHARS ? line.substring(0, STDERR_LINE_CHARS) + "..." : line);
        synchronized (stderrTail) {
          if (stderrTail.size() == STDERR_TAIL_LINES) {
            stderrTail.removeFirst();
          }
          stderrTail.addLast(kept);
        }
        LOG.log(Level.DEBUG, () -> "MCP server '" + serverName + "' stderr: " + kept);
      }
    } catch (IOException e) {
      // the process ended; its output reader reports that
    }
  }

  /** The last lines the server wrote on its error output, with the configured environment values masked. */
  public List<String> stderrTail() {
    synchronized (stderrTail) {
      return new ArrayList<>(stderrTail);
    }
  }

  /** The tail of the error output as a sentence part, or an empty string. */
  public String stderrSummary() {
    List<String> tail = stderrTail();
    return tail.isEmpty() ? "" : "; its last error output: " + String.join(" | ", tail);
  }

  private String mask(String line) {
    return redactor.mask(line);
  }

  @Override
  public Mono<Void> sendMessage(JSONRPCMessage message) {
    Process p = process;
    if (p == null) {
      return Mono.error(new McpTransportException(startFailure != null ? startFailure : "its process is not started"));
    }
    return Mono.create(sink -> {
      try {
        writer.execute(() -> {
          try {
            byte[] json = mapper.writeValueAsBytes(message);
            OutputStream out = p.getOutputStream();
            out.write(json);
            out.write('\n');
            out.flush();
            sink.success();
          } catch (IOException | RuntimeException e) {
            sink.error(new McpTransportException("cannot write to its process: " + e.getMessage(), e));
          }
        });
      } catch (RejectedExecutionException e) {
        sink.error(new McpTransportException("the transport is closed", e));
      }
    });
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(this::shutdown);
  }

  @Override
  public void close() {
    shutdown();
  }

  private void shutdown() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    writer.shutdownNow();
    Process p = process;
    if (p == null) {
      return;
    }
    try {
      p.getOutputStream().close();
    } catch (IOException e) {
      // already closed by the process's end
    }
    try {
      if (!p.waitFor(shutdownStep.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroy();
        if (!p.waitFor(shutdownStep.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.log(Level.WARNING, () -> "MCP server '" + serverName + "' did not exit after being asked to terminate; "
              + "killing it");
          p.destroyForcibly();
          p.waitFor(shutdownStep.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The server's process while it runs, for tests and diagnostics; null before it started. */
  public Process process() {
    return process;
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return mapper.convertValue(data, typeRef);
  }

  private Thread daemon(Runnable r, String stream) {
    Thread t = new Thread(r, "ailib-mcp-" + serverName + "-" + stream);
    t.setDaemon(true);
    return t;
  }
}
