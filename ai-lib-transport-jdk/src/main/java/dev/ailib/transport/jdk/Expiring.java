package dev.ailib.transport.jdk;

/** Something the {@link Sweeper} checks every tick for a timeout that nobody else is waiting to notice. */
interface Expiring {
  /**
   * Ends this if one of its timeouts has passed; otherwise does nothing. Called from the sweeper's thread.
   *
   * @param now a {@link System#nanoTime()} reading
   */
  void expireIfLate(long now);
}
