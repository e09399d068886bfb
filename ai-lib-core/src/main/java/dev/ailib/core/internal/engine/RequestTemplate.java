package dev.ailib.core.internal.engine;

import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.TransportRequest;
import java.net.URI;
import java.util.Objects;

/**
 * What every request of one target and mode shares, built once per resolved target ({@link RequestFactory}): the
 * method, the full URI (credential query parameter included) and the headers (credential included). An attempt
 * only adds its body and the call's deadline, so nothing is re-parsed or copied per attempt. Holds the secret:
 * {@link #toString()} masks it.
 *
 * @param method the HTTP method
 * @param uri the full URI
 * @param headers the request headers
 */
record RequestTemplate(String method, URI uri, HttpHeaders headers) {

  RequestTemplate {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(headers, "headers");
  }

  /**
   * The request of one attempt.
   *
   * @param body the encoded body
   * @param deadlineNanos the call's deadline as a {@link System#nanoTime()} reading
   * @return the request
   */
  TransportRequest request(byte[] body, long deadlineNanos) {
    return new TransportRequest(method, uri, headers, body, deadlineNanos);
  }

  @Override
  public String toString() {
    return "RequestTemplate[" + method + " " + TransportRequest.redact(uri) + ", headers=" + headers + "]";
  }
}
