package dev.ailib.transport.jdk;

import dev.ailib.api.error.TransportException.Kind;

/** A response body that a cancel, a timeout or {@code close()} of the transport can end from any thread. */
interface Abortable {
  /**
   * Fails the body (the first failure wins; a body completely received stays readable), closes its connection and
   * wakes whoever waits for it.
   *
   * @param kind the failure kind
   * @param why what happened
   */
  void abort(Kind kind, String why);
}
