package dev.ailib.protocol.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.CapabilitiesSpec;
import dev.ailib.core.spi.manifest.StructuredOutputSpec;
import dev.ailib.core.spi.manifest.ErrorClassificationSpec;
import dev.ailib.core.spi.manifest.McpSpec;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ParameterSpec;
import dev.ailib.core.spi.manifest.RateLimitHeadersSpec;
import dev.ailib.core.spi.manifest.RetryPolicySpec;
import dev.ailib.core.spi.manifest.TerminationSpec;
import dev.ailib.core.spi.manifest.TextToolFallbackSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Maps the manifest sections other than identity, endpoint, auth and streaming. */
final class SectionMapper {

  private static final Set<String> PARAMETER_TYPES = Set.of("float", "integer", "boolean", "string", "object",
      "array");

  private SectionMapper() {
  }

  /**
   * Parameters from v2 {@code parameters} ({@code alias} names the protocol parameter a provider-native name
   * stands for) and v1 {@code parameter_mappings} (protocol name to wire name), keyed by protocol name.
   */
  static Map<String, ParameterSpec> parameters(Node root) {
    Map<String, ParameterSpec> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : root.get("parameters").entries().entrySet()) {
      ParameterSpec p = parameter(e.getKey(), e.getValue());
      out.put(p.name(), p);
    }
    for (Map.Entry<String, Node> e : root.get("parameter_mappings").entries().entrySet()) {
      String wire = e.getValue().scalarText();
      if (wire == null || wire.isBlank()) {
        throw e.getValue().error("parameter mapping for '" + e.getKey() + "' must name the wire field");
      }
      ParameterSpec known = out.get(e.getKey());
      if (known == null) {
        out.put(e.getKey(), ParameterSpec.builder().name(e.getKey()).providerName(wire.equals(e.getKey()) ? null : wire)
            .build());
      } else if (known.providerName() == null && !wire.equals(e.getKey())) {
        out.put(e.getKey(), known.toBuilder().providerName(wire).build());
      }
    }
    return out;
  }

  private static ParameterSpec parameter(String key, Node p) {
    if (!p.isObject()) {
      throw p.wrongType("a mapping of parameter settings (type, range, default, ...)");
    }
    String type = p.get("type").text();
    if (type != null) {
      type = normaliseType(type);
      if (!PARAMETER_TYPES.contains(type)) {
        throw p.get("type").error("unknown parameter type '" + p.get("type").text()
            + "'; expected one of float, integer, boolean, string, object, array");
      }
    }
    Double min = p.get("min").doubleValue();
    Double max = p.get("max").doubleValue();
    Node range = p.get("range");
    if (range.present()) {
      List<Node> bounds = range.elements();
      if (bounds.size() != 2) {
        throw range.error("range must be [min, max], found " + bounds.size() + " values");
      }
      min = bounds.get(0).doubleValue();
      max = bounds.get(1).doubleValue();
    }
    if (min != null && max != null && min > max) {
      throw (range.present() ? range : p.get("max")).error("range is empty: min " + min + " > max " + max);
    }
    if ((min != null || max != null) && type != null && !type.equals("float") && !type.equals("integer")) {
      throw p.error("a range or min/max is only allowed for numbers, but the type is " + type);
    }
    Node def = p.get("default");
    Object defaultValue = def.present() ? plain(def.json()) : null;
    if (defaultValue != null) {
      checkValue(def, defaultValue, type, min, max);
    }
    List<Object> allowed = new ArrayList<>();
    for (Node v : p.get("enum").elements()) {
      allowed.add(plain(v.json()));
    }
    Boolean required = p.get("required").boolValue();
    String alias = p.get("alias").text();
    String name = alias != null && !alias.isBlank() ? alias : key;
    String providerName = name.equals(key) ? null : key;
    List<String> aliases = new ArrayList<>();
    if (providerName != null) {
      aliases.add(key);
    }
    for (String a : p.get("aliases").stringList()) {
      if (!a.equals(name) && !aliases.contains(a)) {
        aliases.add(a);
      }
    }
    return ParameterSpec.builder().name(name).type(type).min(min).max(max).defaultValue(defaultValue)
        .required(required != null && required).providerName(providerName).aliases(aliases).allowedValues(allowed)
        .build();
  }

  private static String normaliseType(String type) {
    String t = type.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "number":
      case "double":
        return "float";
      case "int":
        return "integer";
      case "bool":
        return "boolean";
      case "str":
        return "string";
      case "list":
        return "array";
      default:
        return t;
    }
  }

  private static void checkValue(Node at, Object value, String type, Double min, Double max) {
    if (type == null) {
      return;
    }
    boolean ok;
    switch (type) {
      case "float": ok = value instanceof Number; break;
      case "integer": ok = value instanceof Long || value instanceof Integer; break;
      case "boolean": ok = value instanceof Boolean; break;
      case "string": ok = value instanceof String; break;
      case "object": ok = value instanceof Map; break;
      case "array": ok = value instanceof List; break;
      default: ok = true;
    }
    if (!ok) {
      throw at.error("default " + value + " does not match the parameter type " + type);
    }
    if (value instanceof Number) {
      double d = ((Number) value).doubleValue();
      if ((min != null && d < min) || (max != null && d > max)) {
        throw at.error("default " + value + " is outside the range [" + min + ", " + max + "]");
      }
    }
  }

  /** {@code capabilities.tool_calling.text_fallback}: null when absent or null. */
  static TextToolFallbackSpec textToolFallback(Node fallback) {
    if (!fallback.present()) {
      return null;
    }
    fallback.requireObject();
    List<String> dialects = new ArrayList<>();
    for (Node d : fallback.get("known_dialects").elements()) {
      String tag = d.isObject() ? d.get("tag").text() : d.scalarText();
      if (tag != null) {
        dialects.add(tag);
      }
    }
    return TextToolFallbackSpec.builder().format(fallback.get("format").text()).wrapper(fallback.get("wrapper").text())
        .promptLevel(fallback.get("prompt_level").scalarText()).dialects(dialects).build();
  }

  /** The v2 {@code mcp} block: client support and how MCP servers are configured; null when absent. */
  static McpSpec mcp(Node mcp) {
    if (!mcp.present()) {
      return null;
    }
    mcp.requireObject();
    Node client = mcp.get("client").requireObject();
    Node mapping = client.get("provider_mapping").requireObject();
    Boolean clientSupported = client.get("supported").boolValue();
    Boolean serverSupported = mcp.get("server").requireObject().get("supported").boolValue();
    return McpSpec.builder().clientSupported(Boolean.TRUE.equals(clientSupported))
        .configMethod(mapping.get("config_method").text()).apiEndpoint(mapping.get("api_endpoint").text())
        .betaHeader(mapping.get("beta_header").text()).serverSupported(Boolean.TRUE.equals(serverSupported)).build();
  }

  /**
   * Capabilities: v2 {@code {required, optional, feature_flags}}; v1 a map of booleans (true ones become
   * optional capabilities) or a list (1.1; {@code chat} also declares {@code text}).
   */
  static CapabilitiesSpec capabilities(Node caps) {
    if (!caps.present()) {
      return CapabilitiesSpec.NONE;
    }
    Set<String> required = new LinkedHashSet<>();
    Set<String> optional = new LinkedHashSet<>();
    Map<String, Boolean> flags = new LinkedHashMap<>();
    if (caps.isArray()) {
      for (String c : caps.stringList()) {
        optional.add(c);
        if (c.equals("chat")) {
          optional.add("text");
        }
      }
      return CapabilitiesSpec.builder().required(required).optional(optional).featureFlags(flags).build();
    }
    caps.requireObject();
    if (caps.get("required").present() || caps.get("optional").present() || caps.get("feature_flags").present()) {
      required.addAll(caps.get("required").stringList());
      optional.addAll(caps.get("optional").stringList());
      for (Map.Entry<String, Node> e : caps.get("feature_flags").entries().entrySet()) {
        Boolean on = e.getValue().boolValue();
        if (on != null) {
          flags.put(e.getKey(), on);
        }
      }
      return CapabilitiesSpec.builder().required(required).optional(optional).featureFlags(flags)
          .textToolFallback(textToolFallback(caps.get("tool_calling").requireObject().get("text_fallback")))
          .structuredOutput(structuredOutput(caps.get("structured_output"), optional)).build();
    }
    for (Map.Entry<String, Node> e : caps.entries().entrySet()) {
      if (e.getValue().json().isBoolean() && e.getValue().json().asBoolean()) {
        optional.add(e.getKey());
      }
    }
    return CapabilitiesSpec.builder().required(required).optional(optional).featureFlags(flags)
        .structuredOutput(structuredOutput(caps.get("structured_output"), optional)).build();
  }

  /**
   * {@code capabilities.structured_output} as a mapping ({@code json_schema_mode}, {@code json_mode},
   * {@code response_format_field}, the keys of the protocol's capability contract): null when absent or a plain
   * boolean (the capability name alone). A mapping also declares the {@code structured_output} capability.
   */
  static StructuredOutputSpec structuredOutput(Node node, Set<String> optional) {
    if (!node.present() || !node.isObject()) {
      return null;
    }
    for (String key : node.entries().keySet()) {
      if (!Set.of("json_schema_mode", "json_mode", "response_format_field").contains(key)) {
        throw node.get(key).error("unknown key '" + key + "' in structured_output; known: json_schema_mode, "
            + "json_mode, response_format_field");
      }
    }
    String field = node.get("response_format_field").text();
    if (field != null && !field.equals("responseJsonSchema") && !field.equals("responseSchema")) {
      throw node.get("response_format_field").error("response_format_field must be responseJsonSchema or "
          + "responseSchema, found '" + field + "'");
    }
    optional.add("structured_output");
    return StructuredOutputSpec.builder().jsonSchemaMode(Boolean.TRUE.equals(node.get("json_schema_mode").boolValue()))
        .jsonMode(Boolean.TRUE.equals(node.get("json_mode").boolValue())).responseFormatField(field).build();
  }

  /**
   * Adds what the v2 {@code multimodal} block declares that requests are checked against: documents
   * ({@code multimodal.input.vision.document_understanding: true} or {@code multimodal.input.document.supported:
   * true}) as the {@code document_understanding} capability. A manifest that declares no capabilities stays
   * unchecked.
   */
  static CapabilitiesSpec withMultimodal(CapabilitiesSpec caps, Node multimodal) {
    if (!multimodal.present() || (caps.required().isEmpty() && caps.optional().isEmpty())) {
      return caps;
    }
    Node input = multimodal.requireObject().get("input").requireObject();
    boolean documents = Boolean.TRUE.equals(input.get("vision").requireObject().get("document_understanding")
        .boolValue()) || Boolean.TRUE.equals(input.get("document").requireObject().get("supported").boolValue());
    if (!documents || caps.declares("document_understanding")) {
      return caps;
    }
    Set<String> optional = new LinkedHashSet<>(caps.optional());
    optional.add("document_understanding");
    return caps.toBuilder().optional(optional).build();
  }

  /** Error classification by HTTP status and by provider code ({@code by_error_code}, v1 {@code by_error_status}). */
  static ErrorClassificationSpec errors(Node node) {
    if (!node.present()) {
      return ErrorClassificationSpec.NONE;
    }
    node.requireObject();
    Map<Integer, StandardErrorCode> byStatus = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : node.get("by_http_status").entries().entrySet()) {
      int status;
      try {
        status = Integer.parseInt(e.getKey().trim());
      } catch (NumberFormatException ex) {
        throw e.getValue().error("'" + e.getKey() + "' is not an HTTP status code");
      }
      if (status < 100 || status > 599) {
        throw e.getValue().error("HTTP status " + status + " is out of range [100, 599]");
      }
      byStatus.put(status, errorCode(e.getValue()));
    }
    Map<String, StandardErrorCode> byCode = new LinkedHashMap<>();
    for (String section : new String[] {"by_error_code", "by_error_status", "by_error_type"}) {
      for (Map.Entry<String, Node> e : node.get(section).entries().entrySet()) {
        byCode.putIfAbsent(e.getKey(), errorCode(e.getValue()));
      }
    }
    return ErrorClassificationSpec.builder().byHttpStatus(byStatus).byErrorCode(byCode).build();
  }

  private static StandardErrorCode errorCode(Node value) {
    String name = value.text();
    if (name == null) {
      throw value.error("missing error class");
    }
    Optional<StandardErrorCode> code = StandardErrorCode.find(name);
    if (code.isPresent()) {
      return code.get();
    }
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "insufficient_quota": return StandardErrorCode.QUOTA_EXHAUSTED;
      case "other":
      case "unknown": return StandardErrorCode.UNKNOWN;
      default:
        throw value.error("unknown error class '" + name + "'; expected one of " + knownErrorNames());
    }
  }

  private static String knownErrorNames() {
    List<String> names = new ArrayList<>();
    for (StandardErrorCode c : StandardErrorCode.values()) {
      names.add(c.wireName());
    }
    return String.join(", ", names);
  }

  /** The retry policy, or null when none is declared. */
  static RetryPolicySpec retry(Node node) {
    if (!node.present()) {
      return null;
    }
    node.requireObject();
    Integer maxRetries = node.get("max_retries").intValue(0, 100);
    Long minMs = nonNegative(node.get("min_delay_ms"));
    Long maxMs = nonNegative(node.get("max_delay_ms"));
    if (minMs != null && maxMs != null && minMs > maxMs) {
      throw node.get("max_delay_ms").error("max_delay_ms " + maxMs + " is below min_delay_ms " + minMs);
    }
    Set<Integer> statuses = new LinkedHashSet<>();
    for (Node s : node.get("retry_on_http_status").elements()) {
      statuses.add(s.intValue(100, 599));
    }
    return RetryPolicySpec.builder().strategy(node.get("strategy").text())
        .maxRetries(maxRetries == null ? -1 : maxRetries).minDelay(minMs == null ? null : Duration.ofMillis(minMs))
        .maxDelay(maxMs == null ? null : Duration.ofMillis(maxMs)).jitter(node.get("jitter").scalarText()).retryOnHttpStatus(statuses).build();
  }

  private static Long nonNegative(Node n) {
    Long v = n.longValue();
    if (v != null && v < 0) {
      throw n.error("must not be negative, found " + v);
    }
    return v;
  }

  /** Rate-limit header names, or null when none are declared. */
  static RateLimitHeadersSpec rateLimitHeaders(Node node) {
    if (!node.present()) {
      return null;
    }
    node.requireObject();
    return RateLimitHeadersSpec.builder().retryAfter(node.get("retry_after").text())
        .requestsLimit(node.get("requests_limit").text()).requestsRemaining(node.get("requests_remaining").text())
        .tokensLimit(node.get("tokens_limit").text()).tokensRemaining(node.get("tokens_remaining").text()).build();
  }

  /**
   * The finish-reason mapping. Values outside the standard reasons are kept (the engine reports them as
   * {@code other} with the raw value), since published manifests use a few.
   */
  static TerminationSpec termination(Node node) {
    if (!node.present()) {
      return TerminationSpec.NONE;
    }
    node.requireObject();
    Map<String, String> mapping = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : node.get("mapping").entries().entrySet()) {
      String v = e.getValue().scalarText();
      if (v != null) {
        mapping.put(e.getKey(), v);
      }
    }
    return TerminationSpec.builder().sourceField(node.get("source_field").text()).mapping(mapping).build();
  }

  /**
   * Models from {@code metadata.models}: context window, max output, pricing ({@link PricingMapper}), tokenizer,
   * capabilities that are true, and {@code aliases} (other names callers may write, sent as the model's id; ours, the
   * published schemas have none for models). An alias that is a listed id or claimed by two models fails the load at
   * its place.
   */
  static Map<String, ModelSpec> models(Node models) {
    Map<String, ModelSpec> out = new LinkedHashMap<>();
    Map<String, String> aliasOwners = new HashMap<>();
    for (Map.Entry<String, Node> e : models.entries().entrySet()) {
      for (Node a : e.getValue().present() && e.getValue().isObject() ? e.getValue().get("aliases").elements()
          : List.<Node>of()) {
        String alias = a.isText() ? a.text().strip() : null;
        if (alias == null || alias.isEmpty()) {
          throw a.wrongType("a model id");
        }
        if (models.entries().containsKey(alias)) {
          throw a.error("alias '" + alias + "' of model '" + e.getKey() + "' is itself a listed model; an alias is "
              + "another name for one listed model");
        }
        String owner = aliasOwners.putIfAbsent(alias, e.getKey());
        if (owner != null && !owner.equals(e.getKey())) {
          throw a.error("alias '" + alias + "' of model '" + e.getKey() + "' is already an alias of model '" + owner
              + "'; an alias must name one model");
        }
      }
    }
    for (Map.Entry<String, Node> e : models.entries().entrySet()) {
      Node m = e.getValue();
      if (!m.present()) {
        out.put(e.getKey(), ModelSpec.builder().id(e.getKey()).build());
        continue;
      }
      m.requireObject();
      Set<String> caps = new LinkedHashSet<>();
      for (Map.Entry<String, Node> c : m.get("model_capabilities").entries().entrySet()) {
        if (c.getValue().json().isBoolean() && c.getValue().json().asBoolean()) {
          caps.add(c.getKey());
        }
      }
      out.put(e.getKey(), ModelSpec.builder().id(e.getKey()).contextWindow(positive(m.get("context_window")))
          .maxOutputTokens(positive(m.get("max_output_tokens")))
          .pricing(PricingMapper.pricing(m.get("pricing"))).tokenizer(tokenizer(m.get("tokenizer")))
          .capabilities(caps)
          .samplingParameters(samplingParameters(m.get("sampling_parameters")))
          .exclusiveParameters(exclusiveParameters(m.get("exclusive_parameters")))
          .aliases(aliases(e.getKey(), aliasOwners))
          .apiFamily(ApiFamilyMapper.modelFamily(m)).build());
    }
    return out;
  }

  /** A model's {@code tokenizer} (ai-lib's field): an encoding name such as {@code o200k_base}; null when absent. */
  private static String tokenizer(Node n) {
    String name = n.text();
    if (name != null && !name.matches("[a-z0-9_]+")) {
      throw n.error("a tokenizer is an encoding name such as o200k_base, found '" + name + "'");
    }
    return name;
  }

  /** The aliases of one model, in file order. */
  private static Set<String> aliases(String model, Map<String, String> aliasOwners) {
    Set<String> out = new LinkedHashSet<>();
    aliasOwners.forEach((alias, owner) -> {
      if (owner.equals(model)) {
        out.add(alias);
      }
    });
    return out;
  }

  /** A model's {@code sampling_parameters}: a list of parameter names; null when absent. */
  private static Set<String> samplingParameters(Node n) {
    if (!n.present()) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    for (Node v : n.elements()) {
      if (!v.isText() || v.text().isBlank()) {
        throw v.wrongType("a parameter name");
      }
      names.add(v.text().trim());
    }
    return names;
  }

  /** A model's {@code exclusive_parameters}: a list of lists of two or more parameter names. */
  private static List<List<String>> exclusiveParameters(Node n) {
    List<List<String>> groups = new ArrayList<>();
    for (Node g : n.elements()) {
      List<String> names = new ArrayList<>();
      for (Node v : g.elements()) {
        if (!v.isText() || v.text().isBlank()) {
          throw v.wrongType("a parameter name");
        }
        names.add(v.text().trim());
      }
      if (names.size() < 2) {
        throw g.error("a group of exclusive parameters names at least two, found " + names);
      }
      groups.add(names);
    }
    return groups;
  }

  /** A token count; 0 (published for embedding models and placeholders) means "not stated". */
  private static Long positive(Node n) {
    Long v = n.longValue();
    if (v != null && v < 0) {
      throw n.error("must not be negative, found " + v);
    }
    return v == null || v == 0 ? null : v;
  }

  /** A JSON value as plain Java: String, Long, Double, Boolean, List, Map, or null. */
  static Object plain(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(plain(n)));
      return java.util.Collections.unmodifiableList(list);
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      map.put(e.getKey(), plain(e.getValue()));
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
