package dev.ailib.transport.httpclient5;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread per transport that ends exchanges stuck before their response head past the headers timeout or
 * the call deadline, and pushed exchanges ({@link PushedExchange}, which have no reader of their own) past their
 * headers timeout, idle timeout, call deadline or drain limit. Reads are already bounded by socket timeouts ({@link GuardedConnection}); what only another
 * thread can end is a blocked write: a server that never reads a large request body stops the client's
 * {@code write}, which no socket timeout covers, so the sweeper closes the connection.
 *
 * <p>It checks the open exchanges every tick (an eighth of the headers timeout, between 10 and 250 ms: a stuck
 * write ends at most one tick late), keeps running while exchanges come and go, and ends after
 * {@value #LINGER_SECONDS} s without any; the next call starts it again. No timer task per call: a call only puts
 * its exchange in the set the transport keeps anyway.
 */
final class Sweeper {
  private static final long LINGER_SECONDS = 5;

  /** Something the sweeper checks each tick. */
  interface Expiring {
    /**
     * Aborts what is late.
     *
     * @param now a System.nanoTime() reading
     */
    void expireIfLate(long now);
  }

  private final Collection<? extends Expiring> open;
  private final Collection<? extends Expiring> pushed;
  private final long tickNanos;
  private final String name;
  private Thread thread; // guarded by this
  private boolean stopped; // guarded by this
  /** The thread is running its loop (read without the lock by {@link #watch()}). */
  private volatile boolean alive;

  Sweeper(Collection<? extends Expiring> open, Collection<? extends Expiring> pushed, Duration headersTimeout,
      Duration idle, String name) {
    this.open = open;
    this.pushed = pushed;
    long shortest = Math.min(headersTimeout.toNanos(), idle.toNanos());
    this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
        Math.min(TimeUnit.MILLISECONDS.toNanos(250), shortest / 8));
    this.name = name;
  }

  /** Makes sure the thread runs; cheap when it does. */
  void watch() {
    if (alive) {
      return;
    }
    synchronized (this) {
      if (thread == null && !stopped) {
        Thread t = new Thread(this::run, name);
        t.setDaemon(true);
        thread = t;
        alive = true;
        t.start();
      }
    }
  }

  /** Stops the thread (at once) for good. */
  void stop() {
    Thread t;
    synchronized (this) {
      stopped = true;
      t = thread;
    }
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private void run() {
    alive = true;
    long idleSince = System.nanoTime();
    try {
      while (true) {
        synchronized (this) {
          if (stopped) {
            return;
          }
        }
        long now = System.nanoTime();
        if (open.isEmpty() && pushed.isEmpty()) {
          if (now - idleSince > TimeUnit.SECONDS.toNanos(LINGER_SECONDS)) {
            synchronized (this) {
              alive = false;
              if ((open.isEmpty() && pushed.isEmpty()) || stopped) {
                thread = null;
                return;
              }
              alive = true; // an exchange arrived while we were deciding
            }
          }
        } else {
          idleSince = now;
          for (Expiring e : open) {
            e.expireIfLate(now);
          }
          for (Expiring e : pushed) {
            e.expireIfLate(now);
          }
        }
        LockSupport.parkNanos(this, tickNanos);
      }
    } finally {
      alive = false;
      synchronized (this) {
        if (thread == Thread.currentThread()) {
          thread = null;
        }
      }
    }
  }
}
