package dev.ailib.protocol.yaml;

import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a parsed manifest (v1 or v2 shape) to core's {@link ProviderManifest}: identity, wire style, endpoint
 * and auth here; the other sections in {@link SectionMapper} and {@link StreamingMapper}, ai-lib's API-family
 * extension in {@link ApiFamilyMapper}. Unknown fields are
 * ignored (forward compatible); fields the runtime reads are checked for type and known values.
 */
final class ManifestMapper {
  private static final System.Logger LOG = System.getLogger(ManifestMapper.class.getName());

  /** endpoint keys that are settings, not paths. */
  private static final Set<String> ENDPOINT_SETTINGS = Set.of("base_url", "chat", "auth", "protocol", "timeout_ms",
      "method", "stream_chat", "endpoints");

  private ManifestMapper() {
  }

  /**
   * Maps a document.
   *
   * @param tree the parsed file
   * @return the manifest and the other ids it answers to
   * @throws dev.ailib.api.error.ProtocolException with the location of the first problem
   */
  static LoadedManifest map(LocatedTree tree) {
    Node root = Node.root(tree);
    String id = root.requiredText("id");
    Node version = root.get("protocol_version");
    if (!version.present()) {
      throw version.error("missing required field 'protocol_version'");
    }
    String protocolVersion = version.scalarText();
    String name = root.get("name").scalarText();
    List<String> aliases = root.get("aliases").stringList();

    CapabilityProfileCheck.check(root.get("capability_profile"));

    StreamingMapper streamingMapper = new StreamingMapper();
    var streaming = streamingMapper.map(root.get("streaming"));
    Style style = wireStyle(root);
    WireStyle wireStyle = style.style();
    EndpointSpec endpoint = endpoint(root, wireStyle, streaming != null
        && "gemini_sse".equals(streaming.decoder().format()));
    AuthSpec auth = auth(root, id, tree.source());

    String ownFamily = root.get("default_api_family").text();
    ApiFamilyMapper.checkModels(root, ownFamily);
    var models = OperationMapper.markModels(SectionMapper.models(root.get("metadata").requireObject().get("models")),
        root.get("metadata"));
    // the sections every API family shares; the models are added below, once their families exist
    ProviderManifest base = ProviderManifest.builder().id(id).protocolVersion(protocolVersion)
        .name(name == null ? id : name).source(tree.source()).wireStyle(wireStyle).endpoint(endpoint).auth(auth)
        .parameters(SectionMapper.parameters(root))
        .capabilities(SectionMapper.withMultimodal(SectionMapper.capabilities(root.get("capabilities")),
            root.get("multimodal")))
        .streaming(streaming).errors(SectionMapper.errors(root.get("error_classification")))
        .retry(SectionMapper.retry(root.get("retry_policy")))
        .rateLimitHeaders(SectionMapper.rateLimitHeaders(root.get("rate_limit_headers")))
        .termination(SectionMapper.termination(root.get("termination")))
        .mcp(SectionMapper.mcp(root.get("mcp"))).wireStyleField(style.field()).wireStyleValue(style.value()).build();
    ProviderManifest manifest = base.toBuilder().apiFamily(ownFamily).models(models)
        .apiFamilies(ApiFamilyMapper.map(root, base, models, streamingMapper)).build();
    return new LoadedManifest(manifest, aliases);
  }

  /** The wire style and, when a field declared it, that field and the value found there. */
  record Style(WireStyle style, String field, String value) {
  }

  /** Fields that declare a wire style, in the order they are read. */
  private static final List<String> STYLE_FIELDS = List.of("api_style", "endpoints.chat.adapter", "payload_format",
      "api_families.chat.request_format", "response_format");

  /**
   * The wire style. The first of v2 {@code api_style}, {@code endpoints.chat.adapter}, v1 {@code payload_format},
   * {@code api_families.chat.request_format} and v1 {@code response_format} that the manifest sets decides (a value
   * without a codec is {@link WireStyle#UNSUPPORTED}, with the field and value kept for the message); then a
   * streaming decoder strategy that names a style. A manifest that declares none is read from its own data: a
   * decoder format for Anthropic's or Gemini's stream, a chat path ending in {@code /chat/completions},
   * {@code /responses}, {@code :generateContent} or {@code /messages}, response or stream paths into {@code choices[..].message} /
   * {@code choices[..].delta}. Nothing fitting is {@link WireStyle#UNSUPPORTED}.
   */
  static Style wireStyle(Node root) {
    for (String field : STYLE_FIELDS) {
      Node n = at(root, field);
      if (n.present() && n.isText() && !n.text().isBlank()) {
        return new Style(styleOf(n.text()), field, n.text().trim());
      }
    }
    Node strategy = root.get("streaming").get("decoder").get("strategy");
    if (strategy.present() && strategy.isText() && styleOf(strategy.text()) != WireStyle.UNSUPPORTED) {
      return new Style(styleOf(strategy.text()), "streaming.decoder.strategy", strategy.text().trim());
    }
    return new Style(inferredStyle(root), null, null);
  }

  private static Node at(Node root, String dotted) {
    Node n = root;
    for (String step : dotted.split("\\.")) {
      n = n.get(step);
    }
    return n;
  }

  /** A style read from what the manifest's data looks like, for manifests that declare none. */
  private static WireStyle inferredStyle(Node root) {
    Node format = root.get("streaming").get("decoder").get("format");
    if (format.present() && format.isText()) {
      String f = format.text().toLowerCase(Locale.ROOT);
      if (f.startsWith("anthropic")) {
        return WireStyle.ANTHROPIC_MESSAGES;
      }
      if (f.startsWith("gemini")) {
        return WireStyle.GEMINI_GENERATE_CONTENT;
      }
    }
    Node endpoint = endpointNode(root);
    List<Node> chatPaths = List.of(endpoint.get("chat"), root.get("endpoints").get("chat"),
        root.get("endpoints").get("chat").get("path"), root.get("endpoints").get("chat_completions_create"));
    for (Node n : chatPaths) {
      if (n.present() && n.isText()) {
        String path = n.text().trim();
        if (path.endsWith("/chat/completions")) {
          return WireStyle.OPENAI_CHAT;
        }
        if (path.endsWith("/responses")) {
          return WireStyle.OPENAI_RESPONSES;
        }
        if (path.endsWith(":generateContent")) {
          return WireStyle.GEMINI_GENERATE_CONTENT;
        }
        if (path.endsWith("/messages")) {
          return WireStyle.ANTHROPIC_MESSAGES;
        }
      }
    }
    Node content = root.get("response_paths").get("content");
    if (content.present() && content.isText() && readsChoices(content.text(), "message")) {
      return WireStyle.OPENAI_CHAT;
    }
    Node streaming = root.get("streaming");
    Node contentPath = streaming.get("content_path");
    if (contentPath.present() && contentPath.isText() && readsChoices(contentPath.text(), "delta")) {
      return WireStyle.OPENAI_CHAT;
    }
    for (Node rule : streaming.get("event_map").elements()) {
      for (String section : new String[] {"fields", "extract"}) {
        for (Node v : rule.get(section).entries().values()) {
          if (v.isText() && readsChoices(v.text(), "delta")) {
            return WireStyle.OPENAI_CHAT;
          }
        }
      }
    }
    return WireStyle.UNSUPPORTED;
  }

  /** Whether a path reads {@code choices[N].<part>} (or {@code choices.N.<part>}), the chat completions shape. */
  private static boolean readsChoices(String path, String part) {
    String p = path.trim();
    p = p.startsWith("$.") ? p.substring(2) : p.startsWith("$") ? p.substring(1) : p;
    if (!p.startsWith("choices")) {
      return false;
    }
    String rest = p.substring("choices".length()).replaceFirst("^(\\[[^\\]]*\\]|\\.[0-9]+)", "");
    return rest.startsWith("." + part + ".") || rest.equals("." + part);
  }

  static WireStyle styleOf(String declared) {
    String s = declared.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith("_style")) {
      s = s.substring(0, s.length() - "_style".length());
    }
    switch (s) {
      case "openai_responses":
      case "responses":
      case "open_responses":
        return WireStyle.OPENAI_RESPONSES;
      case "openai":
      case "openai_chat":
      case "openai_compatible":
      case "chat_completions":
        return WireStyle.OPENAI_CHAT;
      case "anthropic":
      case "anthropic_messages":
      case "anthropic_event_stream":
        return WireStyle.ANTHROPIC_MESSAGES;
      case "gemini":
      case "gemini_generate":
      case "gemini_generate_content":
      case "google":
        return WireStyle.GEMINI_GENERATE_CONTENT;
      case "cohere_v2":
      case "cohere_chat_v2":
        return WireStyle.COHERE_V2;
      default:
        return WireStyle.UNSUPPORTED;
    }
  }

  /**
   * The {@code endpoint} block; the compact form some protocol fixtures use nests it under {@code core}
   * ({@code core: {endpoint: {...}}}), read when there is no top-level block.
   */
  private static Node endpointNode(Node root) {
    Node top = root.get("endpoint");
    if (!top.present() && root.get("core").present()) {
      return root.get("core").requireObject().get("endpoint");
    }
    return top;
  }

  private static EndpointSpec endpoint(Node root, WireStyle style, boolean geminiSse) {
    Node endpoint = endpointNode(root).requireObject();
    // operation endpoints: top-level v1/v2 'endpoints', or nested in the endpoint block
    Node endpoints = root.get("endpoints").present() ? root.get("endpoints").requireObject()
        : endpoint.get("endpoints").requireObject();
    Node base = endpoint.get("base_url").present() ? endpoint.get("base_url") : root.get("base_url");
    if (!base.present()) {
      throw endpoint.error("missing required field 'endpoint.base_url'");
    }
    String baseUrl = base.text();
    if (baseUrl.isBlank()) {
      throw base.error("base_url must not be empty");
    }
    HttpChecks.baseUrl(base, baseUrl);

    Node chatEntry = endpoints.get("chat");
    String chatPath = endpoint.get("chat").text();
    String method = null;
    if (chatPath == null) {
      chatPath = pathOf(chatEntry);
    }
    if (chatEntry.isObject()) {
      method = chatEntry.get("method").text();
    }
    if (chatPath == null) {
      chatPath = endpoints.get("chat_completions_create").text();
    }
    if (chatPath == null && style == WireStyle.OPENAI_CHAT) {
      chatPath = "/chat/completions"; // the path the OpenAI chat wire style defines
    }
    if (chatPath == null && style == WireStyle.OPENAI_RESPONSES) {
      chatPath = "/responses"; // the path the Responses wire style defines
    }

    Node streamEntry = endpoints.get("stream_chat");
    String streamPath = pathOf(streamEntry);
    if (streamPath == null) {
      streamPath = endpoint.get("stream_chat").text();
    }
    Map<String, String> streamQuery = new LinkedHashMap<>();
    if (streamEntry.isObject()) {
      for (Map.Entry<String, Node> e : streamEntry.get("query").entries().entrySet()) {
        streamQuery.put(e.getKey(), e.getValue().scalarText());
      }
    }
    if (geminiSse && streamQuery.isEmpty()) {
      streamQuery.put("alt", "sse"); // the gemini_sse decoder reads the SSE form, which Gemini sends on alt=sse
    }

    Map<String, String> other = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : endpoint.entries().entrySet()) {
      if (!ENDPOINT_SETTINGS.contains(e.getKey()) && e.getValue().isText()) {
        other.put(e.getKey(), e.getValue().text());
      }
    }
    Map<String, String> methods = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : endpoints.entries().entrySet()) {
      String path = pathOf(e.getValue());
      if (path != null && !e.getKey().equals("chat") && !e.getKey().equals("stream_chat")) {
        other.putIfAbsent(e.getKey(), path);
        String opMethod = e.getValue().isObject() ? e.getValue().get("method").text() : null;
        if (opMethod != null && !opMethod.isBlank()) {
          methods.putIfAbsent(e.getKey(), opMethod.trim().toUpperCase(Locale.ROOT));
        }
      }
    }
    for (Map.Entry<String, Node> e : root.get("services").entries().entrySet()) {
      String path = pathOf(e.getValue());
      if (path != null) {
        other.putIfAbsent(e.getKey(), path);
      }
    }
    return EndpointSpec.builder().baseUrl(baseUrl).chatPath(chatPath).streamChatPath(streamPath)
        .streamQuery(streamQuery).method(method == null ? "POST" : method).otherPaths(other).otherMethods(methods)
        .operations(OperationMapper.operations(endpoint, endpoints, style)).build();
  }

  /** A path written as a string or as {@code {path: ...}}. */
  private static String pathOf(Node entry) {
    if (!entry.present()) {
      return null;
    }
    if (entry.isText()) {
      return entry.text();
    }
    if (entry.isObject()) {
      return entry.get("path").text();
    }
    return null;
  }

  /**
   * Auth: v2 {@code endpoint.auth} is the single source when present; a v1 top-level {@code auth} beside it is
   * ignored and its variables are recorded as shadowed (and logged once).
   */
  private static AuthSpec auth(Node root, String id, String source) {
    Node primary = endpointNode(root).get("auth");
    Node legacy = root.get("auth");
    List<String> shadowed = new ArrayList<>();
    Node chosen;
    if (primary.present()) {
      chosen = primary;
      if (legacy.present()) {
        shadowed.addAll(envVars(legacy.requireObject()));
        shadowed.removeAll(envVars(primary.requireObject()));
        if (!shadowed.isEmpty()) {
          LOG.log(Level.WARNING, "{0}: provider ''{1}'' declares endpoint.auth and a different top-level auth; "
              + "endpoint.auth is used and {2} from the top-level block is ignored", source, id, shadowed);
        }
      }
    } else {
      chosen = legacy;
    }
    if (!chosen.present()) {
      // no auth declared: a bearer key from the explicit key or <PROVIDER>_API_KEY
      return AuthSpec.builder().type(AuthSpec.Type.BEARER).headerName("Authorization").prefix("Bearer").build();
    }
    chosen.requireObject();
    Node typeNode = chosen.get("type");
    String type = typeNode.present() ? typeNode.text().trim().toLowerCase(Locale.ROOT) : "bearer";
    AuthSpec.Builder spec = AuthSpec.builder().tokenEnvVars(envVars(chosen))
        .extraHeaders(extraHeaders(chosen.get("extra_headers"))).shadowedEnvVars(shadowed);
    switch (type) {
      case "bearer": {
        String header = checkedName(chosen.first("header", "header_name"));
        String prefix = checkedPrefix(chosen.get("prefix"));
        return spec.type(AuthSpec.Type.BEARER).headerName(header == null ? "Authorization" : header)
            .prefix(prefix == null ? "Bearer" : prefix).build();
      }
      case "custom_header":
      case "api_key":
      case "header": {
        Node header = chosen.first("header", "header_name");
        if (!header.present()) {
          throw chosen.error("auth type '" + type + "' needs 'header' (the header that carries the key)");
        }
        return spec.type(AuthSpec.Type.HEADER).headerName(checkedName(header)).prefix(checkedPrefix(chosen.get("prefix")))
            .build();
      }
      case "query_param":
      case "query": {
        Node param = chosen.first("param_name", "query_param", "param");
        if (!param.present()) {
          throw chosen.error("auth type '" + type + "' needs 'param_name' (the query parameter that carries the key)");
        }
        return spec.type(AuthSpec.Type.QUERY).queryParam(param.text()).build();
      }
      case "none":
        return spec.type(AuthSpec.Type.NONE).tokenEnvVars(List.of()).build();
      default:
        throw typeNode.error("unknown auth type '" + type
            + "'; expected bearer, custom_header, api_key, query_param or none");
    }
  }

  private static List<String> envVars(Node auth) {
    List<String> out = new ArrayList<>();
    for (String name : new String[] {"token_env", "key_env", "token_envs", "env"}) {
      for (String v : auth.get(name).stringList()) {
        if (!v.isBlank() && !out.contains(v)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  private static Map<String, String> extraHeaders(Node node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!node.present()) {
      return out;
    }
    if (node.isObject()) {
      for (Map.Entry<String, Node> e : node.entries().entrySet()) {
        HttpChecks.headerName(e.getValue(), e.getKey(), "extra_headers name");
        out.put(e.getKey(), checkedValue(e.getValue(), "extra_headers." + e.getKey()));
      }
      return out;
    }
    for (Node h : node.elements()) {
      h.requireObject();
      String name = h.requiredText("name");
      HttpChecks.headerName(h.get("name"), name, "extra_headers name");
      out.put(name, checkedValue(h.get("value"), "extra_headers value of " + name));
    }
    return out;
  }

  /** An auth header name, checked; null when absent. */
  private static String checkedName(Node node) {
    String name = node.text();
    if (name != null) {
      HttpChecks.headerName(node, name, "auth header");
    }
    return name;
  }

  /** An auth value prefix (such as {@code Bearer}), checked; null when absent. */
  private static String checkedPrefix(Node node) {
    String prefix = node.text();
    if (prefix != null) {
      HttpChecks.headerValue(node, prefix, "auth prefix");
    }
    return prefix;
  }

  private static String checkedValue(Node node, String field) {
    String value = node.scalarText();
    if (value != null) {
      HttpChecks.headerValue(node, value, field);
    }
    return value;
  }
}
