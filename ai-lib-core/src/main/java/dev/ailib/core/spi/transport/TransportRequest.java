package dev.ailib.core.spi.transport;

import java.net.URI;
import java.util.Objects;

/**
 * One HTTP request to send. The URI may carry a credential in its query (some providers want that):
 * use {@link #redactedUri()} in messages and logs, never the URI itself.
 *
 * @param method GET, POST, ...
 * @param uri the full URI
 * @param headers request headers, credentials included
 * @param body the body, or an empty array
 */
public record TransportRequest(String method, URI uri, HttpHeaders headers, byte[] body) {

  /** Checks and defaults. */
  public TransportRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = headers == null ? HttpHeaders.EMPTY : headers;
    body = body == null ? new byte[0] : body;
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
        && java.util.Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, java.util.Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "TransportRequest[" + method + " " + redactedUri() + ", headers=" + headers + ", body=" + body.length
        + " bytes]";
  }
}
