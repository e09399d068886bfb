package dev.ailib.core.spi.transport;

import dev.ailib.api.error.TransportException;
import java.nio.ByteBuffer;

/**
 * Receives the response of an exchange started with {@link Transport#exchange}, pushed by the transport with
 * back-pressure: the body flows only as fast as the receiver asks for it through its {@link BodySubscription}.
 * Implemented by core (which decodes the body into stream events); transports call it.
 *
 * <p>Order: either {@link #onResponse} once, then at most as many {@link #onBody} as were requested, then at most one
 * of {@link #onComplete} or {@link #onFailure}; or {@link #onFailure} alone when the exchange failed before the
 * response head. Calls never overlap (each happens before the next) but may come on any thread, often one of the
 * transport's I/O threads: implementations return quickly and never block in them. Once the receiver cancelled or
 * released the body, no more calls come.
 */
public interface ResponseReceiver {

  /**
   * The response head arrived. No body flows until {@code body.request(n)} asks for it (which may be called from
   * here). A status of 300 or more is a response like any other: its body is readable.
   *
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the receiver's control of the body, valid until the exchange ends
   */
  void onResponse(int status, HttpHeaders headers, BodySubscription body);

  /**
   * The next piece of the body. The buffer is the receiver's to read until its next {@code request}, {@code
   * release} or {@code cancel}; the transport may reuse its memory after that. It may be read-only.
   *
   * @param chunk the bytes, from its position to its limit (never empty)
   */
  void onBody(ByteBuffer chunk);

  /** The body ended: every byte was delivered, and the connection is free for the next exchange. */
  void onComplete();

  /**
   * The exchange failed, before the response head or while the body streamed: the same kinds as
   * {@link Transport#send} and body reads ({@code CONNECT}, the timeouts, {@code CALL_TIMEOUT}, {@code IO},
   * {@code RESPONSE_TOO_LARGE}, {@code CANCELLED} when the request's cancel token fired or the transport closed).
   * The connection is closed.
   *
   * @param failure what failed
   */
  void onFailure(TransportException failure);
}
