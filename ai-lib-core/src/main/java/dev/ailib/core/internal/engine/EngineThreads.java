package dev.ailib.core.internal.engine;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.StandardErrorCode;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The threads of one client's asynchronous work. Two kinds of task:
 * <ul>
 *   <li><b>blocking</b> ({@link #submit}): an {@code executeAsync} call, a pushed exchange of a transport
 *       without non-blocking I/O (or through interceptors), an application's sleeper; each holds a thread while it
 *       runs;</li>
 *   <li><b>short</b> ({@link #execute}): the drains of push streams and publishers ({@link AsyncStream}), which
 *       decode what arrived, hand it to the handler and return; they never wait for the network.</li>
 * </ul>
 * Created on first use, stopped by {@link #close()} (which interrupts what still runs; the calls themselves are
 * cancelled by the engine first).
 *
 * <ul>
 *   <li>On Java 21 and later: one virtual thread per task ({@code Executors.newThreadPerTaskExecutor} with a
 *       {@code Thread.ofVirtual()} factory, found by reflection so that the library still runs on Java 17), at most
 *       {@value #MAX_VIRTUAL_TASKS} at once. Off with the system property {@value #VIRTUAL_PROPERTY}{@code =false}.</li>
 *   <li>On Java 17-20 (or with virtual threads off): blocking tasks get a pool that grows on demand, one platform
 *       thread per running task up to {@value #MAX_PLATFORM_THREADS}, never queueing (a blocking exchange must
 *       never wait behind others); short tasks share {@link #STREAM_THREADS} platform threads, queued when all are
 *       busy (they never wait for the network, so a queued drain waits only for other drains). Idle threads of
 *       either pool end after 2 seconds.</li>
 * </ul>
 * Beyond the bound a task is rejected with {@code OVERLOADED}. Thread-safe.
 */
final class EngineThreads {
  private static final Logger LOG = System.getLogger(EngineThreads.class.getName());
  /** System property: {@code false} keeps the platform-thread pool on Java 21+. */
  static final String VIRTUAL_PROPERTY = "ailib.virtualThreads";
  /** Platform threads a client may run at once for its asynchronous work. */
  static final int MAX_PLATFORM_THREADS = 2048;
  /** Virtual threads a client may run at once (each holds a call and its connection). */
  static final int MAX_VIRTUAL_TASKS = 100_000;
  /**
   * Platform threads that deliver a client's push streams and publishers on Java 17-20: two per core, 4 to 16. Their
   * tasks only decode and hand over what arrived, so a few threads serve any number of open streams; a handler that
   * blocks holds one of them (handlers are documented not to block).
   */
  static final int STREAM_THREADS = Math.max(4, Math.min(16, 2 * Runtime.getRuntime().availableProcessors()));
  /** Makes a virtual-thread-per-task executor, or null when this runtime has none. */
  private static final VirtualFactory VIRTUAL = VirtualFactory.find();

  private final String namePrefix;
  private final boolean virtual;
  private final Object lock = new Object();
  private final Semaphore virtualSlots = new Semaphore(MAX_VIRTUAL_TASKS);
  private ExecutorService executor;
  private ExecutorService streams;
  private boolean closed;

  /**
   * Creates the (not yet started) threads of a client.
   *
   * @param namePrefix such as {@code ailib-call-3-}
   */
  EngineThreads(String namePrefix) {
    this.namePrefix = namePrefix;
    this.virtual = VIRTUAL != null && !"false".equalsIgnoreCase(System.getProperty(VIRTUAL_PROPERTY));
  }

  /** Whether tasks run on virtual threads. */
  boolean virtual() {
    return virtual;
  }

  /**
   * Runs a task on a thread of its own.
   *
   * @param task the task (already wrapped to carry the caller's telemetry context)
   * @param rejected gets the error when the client is closed or too many tasks run
   */
  void submit(Runnable task, Consumer<AiLibException> rejected) {
    ExecutorService e;
    synchronized (lock) {
      if (closed) {
        rejected.accept(new CancelledException("the client is closed"));
        return;
      }
      if (executor == null) {
        executor = virtual ? VIRTUAL.executor(namePrefix) : platformPool();
      }
      e = executor;
    }
    if (virtual && !virtualSlots.tryAcquire()) {
      rejected.accept(overloaded(MAX_VIRTUAL_TASKS));
      return;
    }
    Runnable run = virtual ? () -> {
      try {
        task.run();
      } finally {
        virtualSlots.release();
      }
    } : task;
    try {
      e.execute(run);
    } catch (RejectedExecutionException ex) {
      if (virtual) {
        virtualSlots.release();
      }
      boolean isClosed;
      synchronized (lock) {
        isClosed = closed;
      }
      rejected.accept(isClosed ? new CancelledException("the client is closed") : overloaded(MAX_PLATFORM_THREADS));
    }
  }

  /**
   * Runs a short task (a stream's drain): on a virtual thread of its own on Java 21+, else on the client's stream
   * pool, queued when all its threads are busy.
   *
   * @param task the task (already wrapped to carry the caller's telemetry context)
   * @throws RejectedExecutionException when the client is closed
   */
  void execute(Runnable task) {
    if (virtual) {
      submit(task, rejected -> {
        throw new RejectedExecutionException(rejected.getMessage(), rejected);
      });
      return;
    }
    ExecutorService e;
    synchronized (lock) {
      if (closed) {
        throw new RejectedExecutionException("the client is closed");
      }
      if (streams == null) {
        AtomicInteger n = new AtomicInteger();
        String prefix = namePrefix.replace("ailib-call-", "ailib-stream-");
        ThreadPoolExecutor pool = new ThreadPoolExecutor(STREAM_THREADS, STREAM_THREADS, 2, TimeUnit.SECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
              Thread t = new Thread(r, prefix + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
        pool.allowCoreThreadTimeOut(true);
        streams = pool;
      }
      e = streams;
    }
    e.execute(task);
  }

  private static AiLibException overloaded(int bound) {
    return new AiLibException(StandardErrorCode.OVERLOADED, "too many asynchronous calls and push streams in flight "
        + "on this client (" + bound + " running)");
  }

  private ThreadPoolExecutor platformPool() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, namePrefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    return new ThreadPoolExecutor(0, MAX_PLATFORM_THREADS, 2, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
  }

  /** Stops the threads: no new task is accepted, running ones are interrupted. Idempotent. */
  void close() {
    ExecutorService e;
    ExecutorService s;
    synchronized (lock) {
      closed = true;
      e = executor;
      s = streams;
    }
    if (e != null) {
      e.shutdownNow();
    }
    if (s != null) {
      s.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "EngineThreads[" + (virtual ? "virtual" : "platform") + "]";
  }

  /**
   * {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 1).factory())}, called by reflection:
   * the library is compiled for Java 17, where neither exists.
   */
  private record VirtualFactory(Method ofVirtual, Method name, Method factory, Method perTask) {

    static VirtualFactory find() {
      try {
        Method ofVirtual = Thread.class.getMethod("ofVirtual");
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Method name = builder.getMethod("name", String.class, long.class);
        Method factory = builder.getMethod("factory");
        Method perTask = java.util.concurrent.Executors.class.getMethod("newThreadPerTaskExecutor",
            ThreadFactory.class);
        VirtualFactory f = new VirtualFactory(ofVirtual, name, factory, perTask);
        f.executor("ailib-probe-").shutdown(); // fails here, not on the first call, if the runtime refuses
        return f;
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        LOG.log(Level.DEBUG, "no virtual threads on this runtime (" + Runtime.version() + "): "
            + e.getClass().getName() + "; asynchronous work runs on platform threads");
        return null;
      }
    }

    ExecutorService executor(String prefix) {
      try {
        Object b = name.invoke(ofVirtual.invoke(null), prefix, 1L);
        return (ExecutorService) perTask.invoke(null, (ThreadFactory) factory.invoke(b));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot create a virtual-thread executor", e);
      }
    }
  }
}
