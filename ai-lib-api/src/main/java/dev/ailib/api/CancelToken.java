package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cancels calls and streams from any thread. Cancelling is idempotent; actions registered after
 * cancellation run at once. One token may be shared by several calls.
 */
public final class CancelToken {
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final List<Runnable> actions = new CopyOnWriteArrayList<>();

  /** Creates a token that is not cancelled. */
  public CancelToken() {
  }

  /** Cancels: every registered action runs once, on this thread. Later calls do nothing. */
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      for (Runnable action : actions) {
        runQuietly(action);
      }
      actions.clear();
    }
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled.get();
  }

  /**
   * Runs the action when the token is cancelled (at once if it already is).
   *
   * @param action what to run; exceptions it throws are ignored
   * @return a registration whose {@code close()} removes the action
   * @throws NullPointerException when the action is null
   */
  public Registration onCancel(Runnable action) {
    Checks.notNull(action, "action");
    actions.add(action);
    if (cancelled.get() && actions.remove(action)) {
      runQuietly(action);
    }
    return () -> actions.remove(action);
  }

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException ignored) {
      // a failing cancel action must not stop the others
    }
  }

  /** A registered action; closing it unregisters the action. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  @Override
  public String toString() {
    return "CancelToken[cancelled=" + cancelled.get() + "]";
  }
}
