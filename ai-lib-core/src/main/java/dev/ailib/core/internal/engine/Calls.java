package dev.ailib.core.internal.engine;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.OperationRequest;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.core.internal.resilience.Deadline;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.telemetry.CallInfo;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls of one client: starts each ({@link CallScope} with its deadline, {@code callStart}), reports how each
 * failed, and cancels those still running when the client closes. Thread-safe.
 */
final class Calls {
  private static final AtomicLong CALL_IDS = new AtomicLong();

  private final Listeners listeners;
  private final Clock clock;
  private final Duration callTimeout;
  private final Set<CallScope> active = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates the bookkeeping of a client.
   *
   * @param listeners the telemetry listeners
   * @param clock the client's clock, for deadlines
   * @param callTimeout the whole-call timeout
   */
  Calls(Listeners listeners, Clock clock, Duration callTimeout) {
    this.listeners = listeners;
    this.clock = clock;
    this.callTimeout = callTimeout;
  }

  /**
   * Starts a call: its deadline is fixed now.
   *
   * @param request the request
   * @param target the primary target
   * @param stream whether it streams
   * @param userToken the caller's token
   * @return the call
   * @throws CancelledException when the client is closed
   */
  CallScope begin(ChatRequest request, Target target, boolean stream, CancelToken userToken) {
    return begin(Operations.CHAT, request, request, target, stream, userToken);
  }

  /**
   * Starts a call of any operation: its deadline is fixed now.
   *
   * @param operation the operation's name, such as {@code embeddings}
   * @param input the request
   * @param chat the request when it is a chat request, else null
   * @param target the primary target
   * @param stream whether it streams
   * @param userToken the caller's token
   * @return the call
   * @throws CancelledException when the client is closed
   */
  CallScope begin(String operation, OperationRequest input, ChatRequest chat, Target target, boolean stream,
      CancelToken userToken) {
    ensureOpen();
    CallInfo info = new CallInfo(CALL_IDS.incrementAndGet(), operation, target.provider(), target.modelId(), chat,
        stream, target.baseUrl().getHost(), port(target), input);
    long start = System.nanoTime();
    CallScope[] holder = new CallScope[1];
    CallScope scope = new CallScope(info, userToken, Deadline.after(callTimeout, clock), start,
        () -> active.remove(holder[0]));
    holder[0] = scope;
    active.add(scope);
    if (closed.get()) {
      scope.clientClosing();
    }
    listeners.callStart(info);
    return scope;
  }

  private static int port(Target t) {
    int p = t.baseUrl().getPort();
    if (p > 0) {
      return p;
    }
    return "http".equalsIgnoreCase(t.baseUrl().getScheme()) ? 80 : 443;
  }

  /**
   * Reports a failed call to telemetry.
   *
   * @param scope the call
   * @param t what failed
   * @return the exception for the caller
   * @throws Error an {@link Error} as it is (the call is closed first)
   */
  AiLibException fail(CallScope scope, Throwable t) {
    if (t instanceof Error error) {
      // an OutOfMemoryError or StackOverflowError is the JVM's state, not the call's outcome: never wrapped
      scope.close();
      throw error;
    }
    AiLibException e = scope.failure(t);
    if (e instanceof CancelledException) {
      listeners.callCancelled(scope.info, scope.elapsed());
    } else {
      listeners.callFailed(scope.info, e, scope.elapsed());
    }
    return e;
  }

  /**
   * Fails when the client is closed.
   *
   * @throws CancelledException when it is
   */
  void ensureOpen() {
    if (closed.get()) {
      throw new CancelledException("the client is closed");
    }
  }

  /**
   * Marks the client closed and cancels every call in flight.
   *
   * @return false when it was closed already
   */
  boolean closeAll() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    for (CallScope s : List.copyOf(active)) {
      s.clientClosing();
    }
    return true;
  }

  /** Whether the client is closed. */
  boolean closed() {
    return closed.get();
  }
}
