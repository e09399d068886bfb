package dev.ailib.testkit.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One HTTP request a {@link FakeProvider} received, for assertions.
 *
 * @param sequence 1 for the first request the provider received, then 2, ...
 * @param connectionId the connection that carried it (1, 2, ... in accept order)
 * @param receivedAt when the request was fully read, from the provider's clock
 * @param method the HTTP method
 * @param path the path, undecoded, without the query
 * @param query the raw query string without {@code ?}, or {@code ""}
 * @param headers header values by lower-case name, in arrival order
 * @param body the body decoded as UTF-8
 * @param format the wire format chosen for the path, or null when none matched
 */
public record RecordedRequest(int sequence, int connectionId, Instant receivedAt, String method, String path,
    String query, Map<String, List<String>> headers, String body, WireFormat format) {

  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "x-api-key", "x-goog-api-key", "api-key", "proxy-authorization");

  /** Copies the header map. */
  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /** The first value of a header (case-insensitive name), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** All values of a header (case-insensitive name). */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The first value of a query parameter, URL-decoded, or null. */
  public String queryParameter(String name) {
    if (query.isEmpty()) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /**
   * The body parsed as JSON: {@code Map<String, Object>} for an object, {@code List<Object>}, {@code String},
   * {@code Long}, {@code BigDecimal}, {@code Boolean}; empty when the body is empty or not JSON.
   */
  public Optional<Object> json() {
    if (body.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Json.parse(body));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The JSON value at a path such as {@code "messages[0].content"} or {@code "stream_options.include_usage"},
   * or null when absent or when the body is not JSON.
   */
  public Object jsonAt(String path) {
    Objects.requireNonNull(path, "path");
    return json().map(root -> Json.at(root, path)).orElse(null);
  }

  /** The JSON text at a path, as a String, or null (see {@link #jsonAt(String)}). */
  public String jsonString(String path) {
    Object value = jsonAt(path);
    return value == null ? null : value instanceof String s ? s : Json.write(value);
  }

  /**
   * The model the request asked for: the body's {@code model}, or for Gemini the {@code {model}} segment
   * of the path (URL-decoded); null when absent.
   */
  public String model() {
    if (format == WireFormat.GEMINI) {
      int start = path.lastIndexOf("/models/") + "/models/".length();
      int colon = path.lastIndexOf(':');
      return colon > start ? URLDecoder.decode(path.substring(start, colon), StandardCharsets.UTF_8) : null;
    }
    Object model = jsonAt("model");
    return model instanceof String s ? s : null;
  }

  /** Whether the request asked for a streamed answer ({@code "stream": true}, or Gemini's stream path). */
  public boolean streaming() {
    if (format == WireFormat.GEMINI) {
      return path.endsWith(":streamGenerateContent");
    }
    return Boolean.TRUE.equals(jsonAt("stream"));
  }

  /** Path plus {@code ?query} when there is one. */
  public String target() {
    return query.isEmpty() ? path : path + "?" + query;
  }

  /** Method, target, body size; secret headers and the {@code key} query parameter are redacted. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RecordedRequest{#").append(sequence).append(' ').append(method)
        .append(' ').append(path);
    if (!query.isEmpty()) {
      sb.append('?').append(query.replaceAll("(^|&)key=[^&]*", "$1key=<redacted>"));
    }
    sb.append(", headers={");
    boolean first = true;
    for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(headers).entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(e.getKey()).append('=')
          .append(SECRET_HEADERS.contains(e.getKey()) ? "<redacted>" : String.join(",", e.getValue()));
    }
    return sb.append("}, body=").append(body.length()).append(" chars}").toString();
  }
}
