package dev.ailib.core.internal.engine;

import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.TransportRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What every request of one target and mode shares, built once per resolved target ({@link RequestFactory}): the
 * method, the full URI (credential query parameter included) and the headers (credential included). An attempt
 * only adds its body and the call's deadline, so nothing is re-parsed or copied per attempt (unless the request
 * needs headers of its own, {@code WireCodec.requestHeaders}, such as a beta header for one feature). Holds the
 * secret: {@link #toString()} masks it.
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

  /**
   * The request of one attempt that needs headers of its own besides the template's.
   *
   * @param body the encoded body
   * @param deadlineNanos the call's deadline as a {@link System#nanoTime()} reading
   * @param extra headers the request adds; one the template already has is extended ({@code a, b})
   * @return the request
   */
  TransportRequest request(byte[] body, long deadlineNanos, Map<String, String> extra) {
    if (extra.isEmpty()) {
      return request(body, deadlineNanos);
    }
    Map<String, List<String>> merged = new LinkedHashMap<>();
    Map<String, String> byLower = new LinkedHashMap<>();
    headers.forEach((name, values) -> {
      merged.put(name, values);
      byLower.put(name.toLowerCase(Locale.ROOT), name);
    });
    extra.forEach((name, value) -> {
      String existing = byLower.get(name.toLowerCase(Locale.ROOT));
      if (existing == null) {
        merged.put(name, List.of(value));
      } else {
        merged.put(existing, List.of(merged.get(existing).get(0) + ", " + value));
      }
    });
    return new TransportRequest(method, uri, HttpHeaders.of(merged), body, deadlineNanos);
  }

  @Override
  public String toString() {
    return "RequestTemplate[" + method + " " + TransportRequest.redact(uri) + ", headers=" + headers + "]";
  }
}
