package dev.ailib.transport.jdk;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread per transport that ends pushed exchanges ({@link PushedExchange}) past their idle timeout, call
 * deadline or drain limit: a pushed exchange has no reader of its own whose wait could be bounded. It checks the open
 * pushed exchanges every tick (an eighth of the idle timeout, between 10 and 250 ms: a timeout fires at most one tick
 * late), keeps running while exchanges come and go, and ends after {@value #LINGER_SECONDS} s without any; the next
 * pushed exchange starts it again. No timer task per exchange: an exchange only joins the set the transport keeps.
 * Blocking exchanges ({@code send}) do not need it: their reader bounds its own waits.
 */
final class Sweeper {
  private static final long LINGER_SECONDS = 5;

  private final Collection<PushedExchange> open;
  private final long tickNanos;
  private final String name;
  private Thread thread; // guarded by this
  private boolean stopped; // guarded by this
  private volatile boolean alive;

  Sweeper(Collection<PushedExchange> open, Duration idle, String name) {
    this.open = open;
    this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
        Math.min(TimeUnit.MILLISECONDS.toNanos(250), idle.toNanos() / 8));
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

  /** Stops the thread for good. */
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
    long idleSince = System.nanoTime();
    try {
      while (true) {
        synchronized (this) {
          if (stopped) {
            return;
          }
        }
        long now = System.nanoTime();
        if (open.isEmpty()) {
          if (now - idleSince > TimeUnit.SECONDS.toNanos(LINGER_SECONDS)) {
            synchronized (this) {
              alive = false;
              if (open.isEmpty() || stopped) {
                thread = null;
                return;
              }
              alive = true; // an exchange arrived while we were deciding
            }
          }
        } else {
          idleSince = now;
          for (PushedExchange e : open) {
            e.expireIfLate(now);
          }
        }
        LockSupport.parkNanos(this, tickNanos);
      }
    } finally {
      synchronized (this) {
        alive = false;
        if (thread == Thread.currentThread()) {
          thread = null;
        }
      }
    }
  }
}
