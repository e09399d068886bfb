package dev.ailib.core.spi.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One HTTP request to send. The URI may carry a credential in its query (some providers want that):
 * use {@link #redactedUri()} in messages and logs, never the URI itself.
 *
 * @param method GET, POST, ...
 * @param uri the full URI
 * @param headers request headers, credentials included
 * @param body the body, or an empty array
 * @param deadlineNanos when the whole call must be over, as a {@link System#nanoTime()} reading;
 *     {@code Long.MAX_VALUE} for none. Transports cap every wait (connect, response headers,
 *     each body read) by {@link #remaining()} and, when it runs out, fail with
 *     {@code TransportException} kind {@code CALL_TIMEOUT}
 */
public record TransportRequest(String method, URI uri, HttpHeaders headers, byte[] body, long deadlineNanos) {

  /** What {@link #remaining()} returns for a request without deadline (about 292 years). */
  private static final Duration UNBOUNDED = Duration.ofNanos(Long.MAX_VALUE);

  /** Checks and defaults. */
  public TransportRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = headers == null ? HttpHeaders.EMPTY : headers;
    body = body == null ? new byte[0] : body;
  }

  /**
   * A request without deadline.
   *
   * @param method GET, POST, ...
   * @param uri the full URI
   * @param headers request headers, credentials included
   * @param body the body, or an empty array
   */
  public TransportRequest(String method, URI uri, HttpHeaders headers, byte[] body) {
    this(method, uri, headers, body, Long.MAX_VALUE);
  }

  /**
   * This request with another deadline.
   *
   * @param deadlineNanos a {@link System#nanoTime()} reading, or {@code Long.MAX_VALUE} for none
   * @return the request
   */
  public TransportRequest withDeadline(long deadlineNanos) {
    return deadlineNanos == this.deadlineNanos ? this : new TransportRequest(method, uri, headers, body, deadlineNanos);
  }

  /**
   * The time left until the deadline, measured now: never negative (zero once it passed), about 292 years when
   * the request has none.
   *
   * @return the time left
   */
  public Duration remaining() {
    if (deadlineNanos == Long.MAX_VALUE) {
      return UNBOUNDED;
    }
    long left = deadlineNanos - System.nanoTime();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  /**
   * A POST of a JSON body.
   *
   * @param uri the URI
   * @param headers the headers (Content-Type is added when missing)
   * @param json the body
   * @return the request
   */
  public static TransportRequest postJson(URI uri, HttpHeaders headers, byte[] json) {
    HttpHeaders h = headers.first("Content-Type").isPresent() ? headers : headers.with("Content-Type", "application/json");
    return new TransportRequest("POST", uri, h, json);
  }

  /** The URI with the values of credential query parameters masked. */
  public String redactedUri() {
    return redact(uri);
  }

  /**
   * A URI with the values of credential query parameters masked.
   *
   * @param uri the URI
   * @return printable text
   */
  public static String redact(URI uri) {
    String q = uri.getRawQuery();
    if (q == null) {
      return uri.toString();
    }
    StringBuilder b = new StringBuilder();
    for (String part : q.split("&")) {
      if (b.length() > 0) {
        b.append('&');
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      b.append(eq >= 0 && HttpHeaders.isSensitive(name) ? name + "=[redacted]" : part);
    }
    String s = uri.toString();
    return s.substring(0, s.indexOf('?') + 1) + b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransportRequest r && r.method.equals(method) && r.uri.equals(uri) && r.headers.equals(headers)
        && java.util.Arrays.equals(r.body, body) && r.deadlineNanos == deadlineNanos;
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, java.util.Arrays.hashCode(body), deadlineNanos);
  }

  @Override
  public String toString() {
    return "TransportRequest[" + method + " " + redactedUri() + ", headers=" + headers + ", body=" + body.length
        + " bytes]";
  }
}
