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
  public boolean tokenCount() {
    return WireFormat.isTokenCount(path);
  }

  /** Whether the request streams (a body {@code stream: true}, or Gemini's {@code :streamGenerateContent}). */
  public boolean streaming() {
    if (format == WireFormat.GEMINI) {
      return path.endsWith(":streamGenerateContent");
    }
    return Boolean.TRUE.equals(jsonAt("stream"));
  }

  /**
   * How this request asked for a structured answer, read from the body in the request's wire format: a schema
   * the provider enforces, a forced tool call (the tool's input schema), or JSON mode; empty when it asked for none
   * of these (plain requests, and answers asked for in a system message only).
   *
   * @return the mechanism and the schema received
   */
  public Optional<StructuredOutputRequest> structuredOutput() {
    Object root = json().orElse(null);
    if (root == null || format == null) {
      return Optional.empty();
    }
    String forced = Reply.forcedTool(root, format);
    if (forced != null) {
      String toolsPath = format == WireFormat.GEMINI ? "tools[0].functionDeclarations" : "tools";
      Object tools = Json.at(root, toolsPath);
      if (tools instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          boolean function = format == WireFormat.OPENAI_CHAT || format == WireFormat.COHERE_V2;
          Object name = Json.at(list.get(i), function ? "function.name" : "name");
          if (forced.equals(name)) {
            String schemaKey = switch (format) {
              case OPENAI_CHAT, COHERE_V2 -> "function.parameters";
              case ANTHROPIC_MESSAGES -> "input_schema";
              case OPENAI_RESPONSES -> "parameters";
              case GEMINI -> Json.at(list.get(i), "parametersJsonSchema") != null ? "parametersJsonSchema"
                  : "parameters";
            };
            Object strict = Json.at(list.get(i), format == WireFormat.OPENAI_CHAT ? "function.strict" : "strict");
            return Optional.of(new StructuredOutputRequest("tool_call", toolsPath + "[" + i + "]." + schemaKey, forced,
                Json.at(list.get(i), schemaKey), Boolean.TRUE.equals(strict)));
          }
        }
      }
      return Optional.of(new StructuredOutputRequest("tool_call", null, forced, null, false));
    }
    switch (format) {
      case OPENAI_CHAT -> {
        Object type = Json.at(root, "response_format.type");
        if ("json_schema".equals(type)) {
          return Optional.of(new StructuredOutputRequest("json_schema", "response_format.json_schema.schema",
              (String) Json.at(root, "response_format.json_schema.name"),
              Json.at(root, "response_format.json_schema.schema"),
              Boolean.TRUE.equals(Json.at(root, "response_format.json_schema.strict"))));
        }
        if ("json_object".equals(type)) {
          return Optional.of(new StructuredOutputRequest("json_mode", null, null, null, false));
        }
      }
      case OPENAI_RESPONSES -> {
        Object type = Json.at(root, "text.format.type");
        if ("json_schema".equals(type)) {
          return Optional.of(new StructuredOutputRequest("json_schema", "text.format.schema",
              (String) Json.at(root, "text.format.name"), Json.at(root, "text.format.schema"),
              Boolean.TRUE.equals(Json.at(root, "text.format.strict"))));
        }
        if ("json_object".equals(type)) {
          return Optional.of(new StructuredOutputRequest("json_mode", null, null, null, false));
        }
      }
      case COHERE_V2 -> {
        if ("json_object".equals(Json.at(root, "response_format.type"))) {
          Object schema = Json.at(root, "response_format.json_schema");
          return Optional.of(schema != null
              ? new StructuredOutputRequest("json_schema", "response_format.json_schema", null, schema, false)
              : new StructuredOutputRequest("json_mode", null, null, null, false));
        }
      }
      case ANTHROPIC_MESSAGES -> {
        if ("json_schema".equals(Json.at(root, "output_config.format.type"))) {
          return Optional.of(new StructuredOutputRequest("json_schema", "output_config.format.schema", null,
              Json.at(root, "output_config.format.schema"), true));
        }
      }
      case GEMINI -> {
        for (String field : List.of("responseJsonSchema", "responseSchema")) {
          Object schema = Json.at(root, "generationConfig." + field);
          if (schema != null) {
            return Optional.of(new StructuredOutputRequest("json_schema", "generationConfig." + field, null, schema,
                false));
          }
        }
        if ("application/json".equals(Json.at(root, "generationConfig.responseMimeType"))) {
          return Optional.of(new StructuredOutputRequest("json_mode", null, null, null, false));
        }
      }
    }
    return Optional.empty();
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
