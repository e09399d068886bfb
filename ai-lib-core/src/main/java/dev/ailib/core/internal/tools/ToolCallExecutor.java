package dev.ailib.core.internal.tools;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolExecution;
import dev.ailib.api.ToolSet;
import dev.ailib.api.error.CancelledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the tool calls of one round: each on a thread of the run's pool (so at most {@code maxConcurrent} at once;
 * the rest wait their turn), each with its own {@link CancelToken}, cancelled when the call's timeout (counted from
 * when it starts running) passes or the run is cancelled. A call that fails, throws, times out or names a tool no
 * set runs gets an error result; the round never fails because of a tool. The thread that drives the run waits for
 * the results; it alone enforces the timeouts, so no timer is needed.
 */
final class ToolCallExecutor implements AutoCloseable {
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final ThreadPoolExecutor pool;
  private final Duration timeout;

  ToolCallExecutor(int maxConcurrent, Duration timeout) {
    String prefix = "ailib-tool-" + RUNS.incrementAndGet() + "-";
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 2, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, prefix + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.pool.allowCoreThreadTimeOut(true);
    this.timeout = timeout;
  }

  /**
   * Runs the calls.
   *
   * @param calls the model's calls, in order
   * @param box the tools
   * @param cancel the run's cancellation
   * @param done told of each execution as it finishes (completion order), on the calling thread
   * @return the executions in the order of the calls
   * @throws CancelledException when the run is cancelled
   */
  List<ToolExecution> run(List<ToolCall> calls, ToolBox box, CancelToken cancel, Consumer<ToolExecution> done) {
    BlockingQueue<Task> finished = new LinkedBlockingQueue<>();
    List<Task> tasks = new ArrayList<>(calls.size());
    for (ToolCall call : calls) {
      Task task = new Task(call, box.owner(call.name()), finished);
      tasks.add(task);
      if (task.set == null) {
        task.complete(unknown(call, box), false);
      } else {
        try {
          task.future = pool.submit(task);
        } catch (RejectedExecutionException e) {
          task.complete(error(call, "tool '" + call.name() + "' could not be started: the tool run is closed"), false);
        }
      }
    }
    CancelToken.Registration onCancel = cancel.onCancel(() -> tasks.forEach(Task::abort));
    try {
      int open = tasks.size();
      while (open > 0) {
        if (cancel.isCancelled()) {
          throw new CancelledException("the tool run was cancelled");
        }
        long now = System.nanoTime();
        long wait = TimeUnit.MILLISECONDS.toNanos(250); // also the bound on how late a cancellation is noticed
        for (Task t : tasks) {
          long started = t.startedAt;
          if (!t.completed.get() && started != 0) {
            long left = started + timeout.toNanos() - now;
            if (left <= 0) {
              t.timeOut(timeout);
            } else {
              wait = Math.min(wait, left);
            }
          }
        }
        Task next;
        try {
          next = finished.poll(Math.max(1, wait), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          tasks.forEach(Task::abort);
          throw new CancelledException("interrupted while tool calls ran");
        }
        while (next != null) {
          open--;
          done.accept(next.execution);
          next = finished.poll();
        }
      }
      List<ToolExecution> out = new ArrayList<>(tasks.size());
      for (Task t : tasks) {
        out.add(t.execution);
      }
      return out;
    } finally {
      onCancel.close();
    }
  }

  private static ContentBlock.ToolResult unknown(ToolCall call, ToolBox box) {
    return error(call, "there is no tool '" + call.name() + "' to run; the tools are " + box.runnable());
  }

  static ContentBlock.ToolResult error(ToolCall call, String message) {
    return new ContentBlock.ToolResult(id(call), message, true);
  }

  static String id(ToolCall call) {
    return call.id() == null ? "" : call.id();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** One call: runs once on a pool thread; completes once, by its result or by its timeout. */
  private static final class Task implements Runnable {
    final ToolCall call;
    final ToolSet set;
    final BlockingQueue<Task> finished;
    final CancelToken token = new CancelToken();
    final AtomicBoolean completed = new AtomicBoolean();
    volatile long startedAt;
    volatile Future<?> future;
    volatile ToolExecution execution;

    Task(ToolCall call, ToolSet set, BlockingQueue<Task> finished) {
      this.call = call;
      this.set = set;
      this.finished = finished;
    }

    @Override
    public void run() {
      long start = System.nanoTime();
      startedAt = start == 0 ? 1 : start;
      ContentBlock.ToolResult result;
      try {
        result = set.call(call, token);
        if (result == null) {
          result = error(call, "tool '" + call.name() + "' returned no result");
        } else if (!result.toolCallId().equals(id(call))) {
          result = new ContentBlock.ToolResult(id(call), result.content(), result.isError());
        }
      } catch (RuntimeException e) {
        result = error(call, "tool '" + call.name() + "' failed: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      }
      complete(result, false);
    }

    void complete(ContentBlock.ToolResult result, boolean timedOut) {
      if (completed.compareAndSet(false, true)) {
        long started = startedAt;
        Duration took = started == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
        execution = new ToolExecution(call, result, took, timedOut);
        finished.add(this);
      }
    }

    void timeOut(Duration limit) {
      // the timeout's result first: cancelling may let the tool return at once, and its late result must lose
      complete(error(call, "tool '" + call.name() + "' timed out after " + limit.toMillis() + " ms and was cancelled"),
          true);
      token.cancel();
      Future<?> f = future;
      if (f != null) {
        f.cancel(true);
      }
    }

    void abort() {
      token.cancel();
      Future<?> f = future;
      if (f != null) {
        f.cancel(true);
      }
    }
  }
}
