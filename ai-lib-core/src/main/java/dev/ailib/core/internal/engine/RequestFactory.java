package dev.ailib.core.internal.engine;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.TransportRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the HTTP request of one attempt: the URL (base URL + the codec's path with {@code {model}} substituted,
 * plus for streams the codec's and the manifest's stream query), the credential as the manifest's auth says
 * (bearer header, custom header or query parameter), the manifest's extra headers, and the JSON body.
 */
final class RequestFactory {
  static final String USER_AGENT = "ai-lib-java/0.1";

  private RequestFactory() {
  }

  static TransportRequest build(Target t, boolean stream, byte[] body) {
    return build(t, stream, body, Map.of());
  }

  /**
   * The request of one attempt.
   *
   * @param t the target
   * @param stream whether the call streams
   * @param body the encoded body
   * @param requestHeaders headers this request adds; one the manifest already sets is extended ({@code a, b})
   * @return the request
   */
  static TransportRequest build(Target t, boolean stream, byte[] body, Map<String, String> requestHeaders) {
    EndpointSpec endpoint = t.manifest().endpoint();
    String path = t.codec().chatPath(endpoint, stream);
    if (path == null) {
      throw new ProtocolException("the manifest of provider '" + t.provider() + "' (" + t.manifest().source()
          + ") has no chat path");
    }
    path = path.replace("{model}", encodePath(t.modelId()));
    Map<String, String> query = new LinkedHashMap<>();
    if (stream) {
      query.putAll(t.codec().streamQuery(endpoint));
      query.putAll(endpoint.streamQuery());
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    headers.put("Accept", List.of(stream ? "text/event-stream" : "application/json"));
    headers.put("User-Agent", List.of(USER_AGENT));
    AuthSpec auth = t.manifest().auth();
    t.manifest().auth().extraHeaders().forEach((k, v) -> headers.put(k, List.of(v)));
    requestHeaders.forEach((k, v) -> headers.merge(k, List.of(v), (a, b) -> List.of(a.get(0) + ", " + b.get(0))));
    if (t.apiKey() != null) {
      AuthAttachment attach = AuthAttachment.of(auth, t.apiKey().reveal());
      attach.headers().forEach((k, v) -> headers.put(k, List.of(v)));
      query.putAll(attach.queryParams());
    }
    URI uri = uri(t.baseUrl(), path, query);
    return new TransportRequest(endpoint.method(), uri, HttpHeaders.of(headers), body);
  }

  static URI uri(URI base, String path, Map<String, String> query) {
    String b = base.toString();
    String existingQuery = null;
    int q = b.indexOf('?');
    if (q >= 0) {
      existingQuery = b.substring(q + 1);
      b = b.substring(0, q);
    }
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    StringBuilder s = new StringBuilder(b);
    if (!path.isEmpty() && !path.startsWith("/")) {
      s.append('/');
    }
    s.append(path);
    StringBuilder qs = new StringBuilder(existingQuery == null ? "" : existingQuery);
    query.forEach((k, v) -> {
      if (qs.length() > 0) {
        qs.append('&');
      }
      qs.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    if (qs.length() > 0) {
      s.append('?').append(qs);
    }
    try {
      return URI.create(s.toString());
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("cannot build a valid URL from base '" + base + "' and path '" + path + "'");
    }
  }

  /** Percent-encodes a path segment value, keeping the characters a model id normally has. */
  static String encodePath(String value) {
    StringBuilder b = new StringBuilder();
    for (byte by : value.getBytes(StandardCharsets.UTF_8)) {
      int c = by & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~:@/".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return b.toString();
  }
}
