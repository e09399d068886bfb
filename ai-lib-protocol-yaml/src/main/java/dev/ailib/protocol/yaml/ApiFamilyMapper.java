package dev.ailib.protocol.yaml;

import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.StreamingSpec;
import dev.ailib.core.spi.manifest.WireStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps ai-lib's manifest extension {@value #FAMILIES}: more API families of one provider (such as OpenAI's
 * Responses API beside its chat completions). AI-Protocol 2.0 names API families ({@code api_families},
 * {@code default_api_family}) but has no field to say how a second family is spoken nor which models need it, so
 * ai-lib's own manifests say it here:
 *
 * <pre>
 * x-ailib-api-families:
 *   responses:
 *     api_style: openai_responses          # the wire style (required)
 *     endpoints: {chat: {path: /responses}} # the chat path (default: the style's own)
 *     parameters: {...}                     # these sections, when present, replace the manifest's own
 *     streaming: {...}
 *     termination: {...}
 * metadata:
 *   models:
 *     gpt-5-pro: {x-ailib-api-family: responses, ...}
 * </pre>
 *
 * Everything else (base URL, auth, errors, retry policy, rate-limit headers, capabilities, models) is the
 * manifest's. A family of another wire style than the manifest's does not inherit its parameters, streaming
 * section or termination mapping (what it does not declare is empty); one of the same style does. The extension is ai-lib's own, so it is read strictly: an unknown key, a missing or unknown
 * {@code api_style} and a model naming a family nobody declares fail the load with their location.
 */
final class ApiFamilyMapper {
  /** The top-level key of the extension. */
  static final String FAMILIES = "x-ailib-api-families";
  /** The key of a model entry that names its family. */
  static final String MODEL_FAMILY = "x-ailib-api-family";

  private static final Set<String> KEYS = Set.of("api_style", "endpoints", "parameters", "streaming", "termination");
  private static final Map<WireStyle, String> DEFAULT_PATHS = Map.of(WireStyle.OPENAI_RESPONSES, "/responses",
      WireStyle.OPENAI_CHAT, "/chat/completions");

  private ApiFamilyMapper() {
  }

  /**
   * Checks that every model that names a family names a declared one (or the manifest's own, its
   * {@code default_api_family}).
   *
   * @param root the document
   * @param ownFamily the manifest's {@code default_api_family}, or null
   */
  static void checkModels(Node root, String ownFamily) {
    Set<String> declared = new TreeSet<>(root.get(FAMILIES).requireObject().entries().keySet());
    for (Map.Entry<String, Node> e : root.get("metadata").requireObject().get("models").entries().entrySet()) {
      Node family = e.getValue().get(MODEL_FAMILY);
      String name = family.text();
      if (name != null && !name.equals(ownFamily) && !declared.contains(name)) {
        throw family.error("model '" + e.getKey() + "' names API family '" + name + "', which the manifest does not "
            + "declare in " + FAMILIES + " (declared: " + declared + (ownFamily == null ? ""
                : ", and '" + ownFamily + "' from default_api_family") + ")");
      }
    }
  }

  /**
   * Maps the declared families.
   *
   * @param root the document
   * @param base the manifest as its own sections describe it, without models and families
   * @param models the manifest's models, which every family shares
   * @param streamingMapper the streaming mapper (checks expressions as for the manifest's own section)
   * @return the families by name, each a manifest of the provider with that {@code apiFamily}
   */
  static Map<String, ProviderManifest> map(Node root, ProviderManifest base, Map<String, ModelSpec> models,
      StreamingMapper streamingMapper) {
    Map<String, ProviderManifest> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : root.get(FAMILIES).requireObject().entries().entrySet()) {
      String name = e.getKey();
      Node f = e.getValue();
      if (!f.isObject()) {
        throw f.wrongType("a mapping (api_style, endpoints, parameters, streaming, termination)");
      }
      for (String key : f.entries().keySet()) {
        if (!KEYS.contains(key)) {
          throw f.get(key).error("unknown key '" + key + "' in API family '" + name + "'; expected "
              + new TreeSet<>(KEYS));
        }
      }
      Node styleNode = f.get("api_style");
      if (!styleNode.present()) {
        throw f.error("API family '" + name + "' needs 'api_style' (its wire style, such as openai_responses)");
      }
      WireStyle style = ManifestMapper.styleOf(styleNode.text());
      if (style == WireStyle.UNSUPPORTED) {
        throw styleNode.error("unknown api_style '" + styleNode.text() + "' for API family '" + name
            + "'; expected one of openai_responses, openai, anthropic, gemini, cohere_v2");
      }
      Node endpoints = f.get("endpoints").requireObject();
      for (String key : endpoints.entries().keySet()) {
        if (!key.equals("chat") && !key.equals("stream_chat")) {
          throw endpoints.get(key).error("API family '" + name + "' may set endpoints.chat and endpoints.stream_chat "
              + "only, found '" + key + "'");
        }
      }
      String chatPath = path(endpoints.get("chat"));
      if (chatPath == null) {
        chatPath = DEFAULT_PATHS.get(style);
      }
      if (chatPath == null) {
        throw f.error("API family '" + name + "' needs endpoints.chat.path (the " + style + " style has no default)");
      }
      String method = endpoints.get("chat").isObject() ? endpoints.get("chat").get("method").text() : null;
      EndpointSpec endpoint = base.endpoint().toBuilder().chatPath(chatPath)
          .streamChatPath(path(endpoints.get("stream_chat"))).streamQuery(Map.of())
          .method(method == null ? "POST" : method.trim().toUpperCase(Locale.ROOT)).build();
      ProviderManifest.Builder family = base.toBuilder().apiFamily(name).wireStyle(style).endpoint(endpoint)
          .models(models).wireStyleField(FAMILIES + "." + name + ".api_style").wireStyleValue(styleNode.text().trim());
      // another wire style does not inherit the manifest's style-specific sections: its parameter names, stream
      // rules and finish reasons are its own (absent ones are empty), so a chat rule never reads a Responses event
      boolean sameStyle = style == base.wireStyle();
      if (f.get("parameters").present() || !sameStyle) {
        family.parameters(SectionMapper.parameters(f));
      }
      if (f.get("streaming").present() || !sameStyle) {
        StreamingSpec streaming = streamingMapper.map(f.get("streaming"));
        family.streaming(streaming);
      }
      if (f.get("termination").present() || !sameStyle) {
        family.termination(SectionMapper.termination(f.get("termination")));
      }
      out.put(name, family.build());
    }
    return out;
  }

  /** The family a model entry names ({@link ModelSpec#apiFamily()}), or null. */
  static String modelFamily(Node model) {
    return model.get(MODEL_FAMILY).text();
  }

  /** A path written as a string or as {@code {path: ...}}. */
  private static String path(Node entry) {
    if (!entry.present()) {
      return null;
    }
    if (entry.isText()) {
      return entry.text();
    }
    entry.requireObject();
    return entry.get("path").text();
  }
}
