package dev.ailib.core.spi.transport;

/**
 * The receiver's control of a response body pushed to a {@link ResponseReceiver}. Thread-safe: any method may be
 * called from any thread, also from inside the receiver's callbacks.
 */
public interface BodySubscription {

  /**
   * Asks for up to {@code n} more pieces of the body. Demand adds up (saturating at {@code Long.MAX_VALUE}); the
   * transport delivers no more pieces than were asked for, reading from the connection no faster than that (so a
   * slow receiver slows the server, and buffering stays bounded). The idle timeout runs only while asked-for pieces
   * are outstanding: a receiver that takes its time never trips it. The call deadline runs regardless.
   *
   * @param n how many more, at least 1 (anything less is ignored)
   */
  void request(long n);

  /**
   * The receiver needs no more of the body (for example after the stream's last event) but the exchange ended
   * normally: the transport reads and discards a short rest, at most 64 KiB within 50 ms and never past the call
   * deadline, and then frees the connection for reuse; a body with more left is aborted. No more calls reach the
   * receiver. Idempotent; after the end of the body it does nothing.
   */
  void release();

  /**
   * Aborts the exchange at once and closes its connection (the server sees the client go away). No more calls reach
   * the receiver. Idempotent; after the end of the body it does nothing.
   */
  void cancel();
}
