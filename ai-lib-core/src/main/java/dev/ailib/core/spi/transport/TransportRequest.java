package dev.ailib.core.spi.transport;

import dev.ailib.api.error.ProtocolException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
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

  /**
   * Checks and defaults. A request that cannot be sent safely is refused here, so that no transport ever sees
   * one: only {@code http} and {@code https} URLs with a host, and header names and values that HTTP allows
   * ({@link HttpHeaders#invalidNameIndex}, {@link HttpHeaders#invalidValueIndex}; a CR or LF in either would
   * inject headers). Messages name the header and the character, never the value.
   *
   * @throws ProtocolException ({@code INVALID_REQUEST}) for another scheme, no host, or a header that cannot be sent
   */
  public TransportRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = headers == null ? HttpHeaders.EMPTY : headers;
    body = body == null ? new byte[0] : body;
    checkUri(uri);
    checkHeaders(headers);
  }

  private static void checkUri(URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
      throw new ProtocolException("only http and https URLs are sent, not "
          + (scheme == null ? "a URL without scheme" : "'" + HttpHeaders.printable(scheme) + "'") + ": " + redact(uri));
    }
    if (uri.getHost() == null) {
      throw new ProtocolException("the URL has no host: " + redact(uri));
    }
  }

  private static void checkHeaders(HttpHeaders headers) {
    headers.forEach((name, values) -> {
      int bad = HttpHeaders.invalidNameIndex(name);
      if (bad >= 0) {
        throw new ProtocolException("request header name '" + HttpHeaders.printable(name) + "' is not a valid HTTP "
            + "header name" + (name.isEmpty() ? "" : " (" + HttpHeaders.describeChar(name, bad) + ")"));
      }
      for (String value : values) {
        bad = HttpHeaders.invalidValueIndex(value);
        if (bad >= 0) {
          throw new ProtocolException("the value of request header '" + name + "' has a character that cannot be "
              + "sent in an HTTP header (" + HttpHeaders.describeChar(value, bad) + "; value not shown)");
        }
      }
    });
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

  /** The URI with user-info and the values of credential query parameters masked. */
  public String redactedUri() {
    return redact(uri);
  }

  /**
   * Whether this request goes over cleartext {@code http} to a host that is not loopback (the host name
   * {@code localhost}, {@code 127.0.0.0/8}, {@code ::1}); transports warn about these. No name is resolved.
   *
   * @return true for cleartext to another machine
   */
  public boolean cleartextToRemoteHost() {
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      return false;
    }
    return !isLoopbackHost(uri.getHost());
  }

  /**
   * Whether a host name or address literal is this machine's loopback: {@code localhost} (and names under it),
   * {@code 127.0.0.0/8}, {@code ::1}. No name is resolved.
   *
   * @param host a host as in a URL (IPv6 literals with or without brackets)
   * @return true for loopback
   */
  public static boolean isLoopbackHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  /**
   * A URI fit for messages and logs: user-info ({@code user:password@}) and the values of credential query
   * parameters masked. Every URI a transport or core prints goes through here.
   *
   * @param uri the URI
   * @return printable text
   */
  public static String redact(URI uri) {
    String s = uri.toString();
    String authority = uri.getRawAuthority();
    if (authority != null) {
      int at = authority.lastIndexOf('@');
      int start = s.indexOf(authority);
      if (at >= 0 && start >= 0) {
        s = s.substring(0, start) + "[redacted]@" + authority.substring(at + 1) + s.substring(start + authority.length());
      }
    }
    String q = uri.getRawQuery();
    int mark = s.indexOf('?');
    if (q == null || mark < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length()).append(s, 0, mark + 1);
    int first = b.length();
    for (String part : q.split("&")) {
      if (b.length() > first) {
        b.append('&');
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      b.append(eq >= 0 && HttpHeaders.isSensitive(name) ? name + "=[redacted]" : part);
    }
    return b.toString();
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
