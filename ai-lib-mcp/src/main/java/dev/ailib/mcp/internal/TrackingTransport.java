package dev.ailib.mcp.internal;

import dev.ailib.mcp.McpFailure;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Wraps the SDK transport of one server and keeps what the SDK's client session does not expose: which requests are
 * waiting for an answer. With it the bridge can
 * <ul>
 *   <li>cancel one call on the server: the MCP {@code notifications/cancelled} needs the JSON-RPC id of the request,
 *       which the session generates privately; the id is caught here on its way out, in the slot the caller put in
 *       the Reactor context under {@link #CALL_SLOT};</li>
 *   <li>end every waiting request at once when the server is gone, instead of letting each wait for its timeout:
 *       the session only learns of answers, so the answer is made here, as an error response handed to the session
 *       like one from the server. A stdio server is gone when its process ends ({@link #serverGone}). Over HTTP the
 *       SDK reports a broken response stream only to the transport's exception handler, without saying which request
 *       it carried; after such an error, while requests wait, this transport pings the server (a JSON-RPC
 *       {@code ping} of its own, answered here and never shown to the session) and, when the ping fails or takes
 *       longer than the probe timeout, fails the waiting requests ({@link #failWaiting}).</li>
 * </ul>
 * Thread-safe.
 */
public final class TrackingTransport implements McpClientTransport {
  /** The Reactor context key of the {@link CallSlot} of a {@code tools/call}. */
  public static final String CALL_SLOT = TrackingTransport.class.getName() + ".callSlot";

  static final String METHOD_CANCELLED = "notifications/cancelled";
  private static final System.Logger LOG = System.getLogger(TrackingTransport.class.getName());

  private final McpClientTransport delegate;
  private final String serverName;
  private final Map<Object, String> waiting = new ConcurrentHashMap<>();
  private final AtomicReference<String> goneReason = new AtomicReference<>();
  private final Duration probeTimeout;
  private final Map<Object, CompletableFuture<Void>> probes = new ConcurrentHashMap<>();
  private final AtomicBoolean probing = new AtomicBoolean();
  private final AtomicLong probeCount = new AtomicLong();
  private volatile Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> sessionHandler;

  /**
   * Wraps a transport.
   *
   * @param delegate the SDK (or our own) transport
   * @param serverName the server's name, for messages
   * @param probeTimeout how long the ping after a transport error may take, or null to never probe (when the
   *     transport reports the server's end itself)
   */
  public TrackingTransport(McpClientTransport delegate, String serverName, Duration probeTimeout) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.serverName = Objects.requireNonNull(serverName, "serverName");
    this.probeTimeout = probeTimeout;
  }

  @Override
  public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    this.sessionHandler = handler;
    return delegate.connect(in -> handler.apply(in.filter(this::inbound)));
  }

  @Override
  public Mono<Void> sendMessage(JSONRPCMessage message) {
    if (!(message instanceof McpSchema.JSONRPCRequest request)) {
      return delegate.sendMessage(message);
    }
    return Mono.deferContextual(ctx -> {
      String gone = goneReason.get();
      if (gone != null) {
        return Mono.error(new ServerGoneException(gone));
      }
      waiting.put(request.id(), request.method());
      if (goneReason.get() != null) {
        // gone between the check and the put: serverGone(..) may not have seen this id
        waiting.remove(request.id());
        return Mono.error(new ServerGoneException(goneReason.get()));
      }
      if (McpSchema.METHOD_TOOLS_CALL.equals(request.method())) {
        ctx.<CallSlot>getOrEmpty(CALL_SLOT).ifPresent(slot -> slot.bind(request.id()));
      }
      return delegate.sendMessage(message).doOnError(e -> waiting.remove(request.id()));
    });
  }

  /**
   * The server is gone for good (its process ended, or the tool set closes): every request waiting for an answer
   * fails now, and every later request fails at once. The first reason is kept.
   *
   * @param failure how waiting calls are classified ({@link McpFailure#SERVER_UNAVAILABLE}, or
   *     {@link McpFailure#CANCELLED} when closing)
   * @param reason what happened, for the model and the logs (such as "its process exited with code 3")
   */
  public void serverGone(McpFailure failure, String reason) {
    goneReason.compareAndSet(null, reason);
    failWaiting(failure, goneReason.get());
  }

  /**
   * Fails every request waiting for an answer now; later requests are sent as usual.
   *
   * @param failure the classification of the waiting calls
   * @param reason what happened
   */
  public void failWaiting(McpFailure failure, String reason) {
    for (Object id : List.copyOf(waiting.keySet())) {
      if (waiting.remove(id) != null) {
        answer(McpSchema.JSONRPCResponse.error(id, new McpSchema.JSONRPCResponse.JSONRPCError(
            McpSchema.ErrorCodes.INTERNAL_ERROR, reason, new LocalFailure(failure, reason))));
      }
    }
  }

  /** Why the server is gone, or null while it is not. */
  public String goneReason() {
    return goneReason.get();
  }

  /**
   * Gives up a call whose caller stopped waiting (cancelled, timed out): tells the server with
   * {@code notifications/cancelled} and drops the session's wait for the answer.
   *
   * @param slot the call's slot
   * @param reason the reason sent to the server
   */
  public void abandon(CallSlot slot, String reason) {
    Object id = slot.requestId();
    if (id == null || waiting.remove(id) == null) {
      return;
    }
    if (goneReason.get() == null) {
      delegate.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, METHOD_CANCELLED,
          Map.of("requestId", id, "reason", reason)))
          .subscribe(ok -> { }, e -> LOG.log(Level.DEBUG, () -> "MCP server '" + serverName
              + "': could not send the cancellation of request " + id + ": " + e));
    }
    // The session's waiting sink belongs to a subscription already disposed: a result (not an error) ends it
    // without Reactor reporting a dropped error.
    answer(McpSchema.JSONRPCResponse.result(id, Map.of()));
  }

  /**
   * Whether a request is still waiting for its answer.
   *
   * @param id the JSON-RPC id
   * @return true while waiting
   */
  public boolean isWaiting(Object id) {
    return waiting.containsKey(id);
  }

  /** Notes answers; keeps the answers to this transport's own pings from the session. */
  private boolean inbound(JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCResponse response && response.id() != null) {
      CompletableFuture<Void> probe = probes.remove(response.id());
      if (probe != null) {
        probe.complete(null);
        return false;
      }
      waiting.remove(response.id());
    }
    return true;
  }

  private void onTransportError(Throwable error) {
    if (probeTimeout == null || goneReason.get() != null || waiting.isEmpty() || !probing.compareAndSet(false, true)) {
      return;
    }
    String id = "ailib-probe-" + probeCount.incrementAndGet();
    CompletableFuture<Void> answered = new CompletableFuture<>();
    probes.put(id, answered);
    delegate.sendMessage(new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, McpSchema.METHOD_PING, id, null))
        .then(Mono.fromFuture(answered))
        .timeout(probeTimeout)
        .doFinally(signal -> {
          probes.remove(id);
          probing.set(false);
        })
        .subscribe(ok -> { }, e -> failWaiting(McpFailure.SERVER_UNAVAILABLE, "the connection to the server broke ("
            + Failures.describe(error) + ") and the server does not answer a ping ("
            + (e instanceof java.util.concurrent.TimeoutException ? "no answer within " + probeTimeout.toMillis()
                + " ms" : Failures.describe(e)) + ")"));
  }

  private void answer(McpSchema.JSONRPCResponse response) {
    Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler = sessionHandler;
    if (handler == null) {
      return;
    }
    handler.apply(Mono.just(response)).subscribe(ok -> { }, e -> LOG.log(Level.DEBUG,
        () -> "MCP server '" + serverName + "': local answer to request " + response.id() + " failed: " + e));
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    delegate.setExceptionHandler(error -> {
      try {
        handler.accept(error);
      } finally {
        onTransportError(error);
      }
    });
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return delegate.unmarshalFrom(data, typeRef);
  }

  /** Receives the JSON-RPC id of one {@code tools/call} as it is sent. */
  public static final class CallSlot {
    private volatile Object requestId;

    /** Creates an empty slot. */
    public CallSlot() {
    }

    void bind(Object id) {
      requestId = id;
    }

    /** The request's id, or null before it was sent. */
    public Object requestId() {
      return requestId;
    }
  }

  /**
   * The {@code data} of an error answer made here rather than by the server.
   *
   * @param failure the classification
   * @param message the message
   */
  public record LocalFailure(McpFailure failure, String message) {
  }

  /** A request sent after the server was found gone. */
  public static final class ServerGoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServerGoneException(String reason) {
      super(reason, null, false, false);
    }
  }
}
