package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import java.time.Duration;

/**
 * The four timeouts of a call.
 *
 * @param connect to open a connection
 * @param responseHeaders from sending the request to receiving the response headers
 * @param idle between two chunks of the response body
 * @param call the whole call, over all attempts
 */
public record Timeouts(Duration connect, Duration responseHeaders, Duration idle, Duration call) {

  /** Defaults: connect 10 s, headers 60 s, idle 60 s, call 10 min. */
  public static final Timeouts DEFAULTS =
      new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(10));

  /**
   * Checks every timeout is positive.
   *
   * @throws NullPointerException naming the timeout that is null
   * @throws IllegalArgumentException naming the timeout that is zero or negative
   */
  public Timeouts {
    check("connect", connect);
    check("responseHeaders", responseHeaders);
    check("idle", idle);
    check("call", call);
  }

  private static void check(String name, Duration d) {
    Checks.notNull(d, "timeout " + name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("timeout " + name + " must be positive, was " + d);
    }
  }

  /**
   * These timeouts with another whole-call timeout.
   *
   * @param call the new call timeout
   * @return the timeouts
   */
  public Timeouts withCall(Duration call) {
    return new Timeouts(connect, responseHeaders, idle, call);
  }
}
