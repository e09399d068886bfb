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
   * Bytes allocated since a snapshot, by threads alive now (threads that ended in between are not counted;
   * the clients here keep their threads in pools).
   *
   * @param before an earlier {@link #allocatedByThread()}
   * @return the bytes
   */
  static long allocatedSince(Map<Long, Long> before) {
    long total = 0;
    for (Map.Entry<Long, Long> e : allocatedByThread().entrySet()) {
      total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return total;
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
