package dev.ailib.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the JVM's own counters: process CPU time and bytes allocated by all live threads
 * ({@code com.sun.management} extensions of the platform beans, present on HotSpot).
 */
final class Meter {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private Meter() {
  }

  /** CPU time used by this process (all threads: caller, client threads, JIT, GC), in nanoseconds. */
  static long processCpuNanos() {
    return OS.getProcessCpuTime();
  }

  /** Allocated bytes so far per live thread id. */
  static Map<Long, Long> allocatedByThread() {
    long[] ids = THREADS.getAllThreadIds();
    long[] bytes = THREADS.getThreadAllocatedBytes(ids);
    Map<Long, Long> m = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (bytes[i] >= 0) {
        m.put(ids[i], bytes[i]);
      }
    }
    return m;
  }

  /**
   * Counts bytes allocated by every thread over a span, threads that start and end inside it included: a sampler
   * polls the per-thread counters every few milliseconds, so a thread that ends loses at most its last few
   * milliseconds. The sampler's own allocations are left out.
   */
  static final class AllocationTracker implements AutoCloseable {
    private final Map<Long, Long> before = allocatedByThread();
    private final Map<Long, Long> last = new java.util.concurrent.ConcurrentHashMap<>(before);
    private final Thread sampler;
    private volatile boolean running = true;

    AllocationTracker() {
      sampler = new Thread(() -> {
        while (running) {
          poll();
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "allocation-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    private void poll() {
      allocatedByThread().forEach((id, bytes) -> last.merge(id, bytes, Math::max));
    }

    /** Stops sampling and returns the bytes allocated since construction. */
    long stop() {
      running = false;
      sampler.interrupt();
      try {
        sampler.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      poll();
      long total = 0;
      long self = sampler.getId();
      for (Map.Entry<Long, Long> e : last.entrySet()) {
        if (e.getKey() != self) {
          total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
      }
      return total;
    }

    @Override
    public void close() {
      running = false;
      sampler.interrupt();
    }
  }

  /** Live threads now. */
  static int liveThreads() {
    return THREADS.getThreadCount();
  }

  /** Heap in use after two full collections, in bytes. */
  static long heapAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
