package dev.ailib.protocol.yaml;

import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.OperationSpec;
import dev.ailib.core.spi.manifest.OperationStyle;
import dev.ailib.core.spi.manifest.WireStyle;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps the operations besides chat a manifest declares (embeddings, rerank) to {@link OperationSpec}s, and marks the
 * models that serve them.
 *
 * <p>Where an operation is declared (AI-Protocol): v2 {@code endpoint.<operation>: "/path"} and v1/v2
 * {@code endpoints.<operation>: {path, method, adapter}}; the first path found wins, the {@code endpoints} entry gives
 * the method and the wire format ({@code adapter}). Without an adapter, embeddings speak the format of the manifest's
 * chat wire style and rerank the one rerank format (Cohere's, which Jina's copies).
 *
 * <p>What the AI-Protocol has no field for is ai-lib's own extension {@value #EXTENSION} on the
 * {@code endpoints.<operation>} entry, read strictly (an unknown key or a bad value fails the load with its location):
 *
 * <pre>
 * endpoints:
 *   embeddings:
 *     path: /v1/embeddings
 *     adapter: openai
 *     x-ailib-operation:
 *       max_inputs: 2048                    # inputs per request (a batch)
 *       wire_names: {dimensions: dimensions, input_type: task}   # the provider's field names
 *       input_types: {query: retrieval.query, document: retrieval.passage}   # the provider's values
 *       input_type_required: false          # every request must name an input type
 * </pre>
 *
 * <p>Models: a model entry with {@code modality: embedding} (the AI-Protocol v1 model field) serves embeddings, the
 * ids under {@code metadata.rerank_models} (v2) serve rerank; both get the operation as a model capability, so that
 * the engine refuses chat on them and other operations on models that do not serve them. A rerank model a
 * non-empty {@code models} map does not list is added to it (a manifest that lists no models accepts any id).
 */
final class OperationMapper {
  /** ai-lib's extension key on an {@code endpoints.<operation>} entry. */
  static final String EXTENSION = "x-ailib-operation";

  /** The operations this runtime runs besides chat. */
  static final List<String> OPERATIONS = List.of(EndpointSpec.EMBEDDINGS, EndpointSpec.RERANK);

  private static final Set<String> EXTENSION_KEYS = Set.of("max_inputs", "wire_names", "input_types",
      "input_type_required");
  private static final Set<String> WIRE_NAME_KEYS = Set.of("dimensions", "input_type");
  private static final Set<String> INPUT_TYPE_KEYS = Set.of("query", "document", "similarity", "classification",
      "clustering");

  private OperationMapper() {
  }

  /**
   * The declared operations.
   *
   * @param endpoint the {@code endpoint} block
   * @param endpoints the {@code endpoints} block
   * @param chatStyle the manifest's chat wire style (the default format of embeddings)
   * @return the operations by name
   */
  static Map<String, OperationSpec> operations(Node endpoint, Node endpoints, WireStyle chatStyle) {
    Map<String, OperationSpec> out = new LinkedHashMap<>();
    for (String op : OPERATIONS) {
      Node shortForm = endpoint.get(op);
      Node entry = endpoints.get(op);
      String path = shortForm.text();
      if (path == null) {
        path = entry.isObject() ? entry.get("path").text() : entry.text();
      }
      if (path == null) {
        if (entry.isObject()) {
          throw entry.error("endpoints." + op + " needs a 'path'");
        }
        continue;
      }
      if (path.isBlank()) {
        throw (shortForm.present() ? shortForm : entry).error("the " + op + " path must not be empty");
      }
      OperationSpec.Builder spec = OperationSpec.builder().path(path.trim());
      String adapter = null;
      if (entry.isObject()) {
        String method = entry.get("method").text();
        if (method != null && !method.isBlank()) {
          spec.method(method.trim().toUpperCase(Locale.ROOT));
        }
        adapter = entry.get("adapter").text();
        extension(entry.get(EXTENSION), op, spec);
      }
      OperationStyle style = adapter != null ? styleOf(op, adapter) : defaultStyle(op, chatStyle);
      out.put(op, spec.style(style).declaredStyle(adapter).build());
    }
    return out;
  }

  /** The format an {@code adapter} names for an operation; unknown names are {@link OperationStyle#UNSUPPORTED}. */
  static OperationStyle styleOf(String operation, String adapter) {
    String a = adapter.trim().toLowerCase(Locale.ROOT);
    if (a.endsWith("_style")) {
      a = a.substring(0, a.length() - "_style".length());
    }
    if (operation.equals(EndpointSpec.EMBEDDINGS)) {
      return switch (a) {
        case "openai", "openai_compatible", "openai_embeddings", "jina", "jina_embeddings" ->
            OperationStyle.OPENAI_EMBEDDINGS;
        case "gemini", "google", "gemini_embed_content" -> OperationStyle.GEMINI_EMBED_CONTENT;
        case "cohere", "cohere_v2", "cohere_embed" -> OperationStyle.COHERE_EMBED;
        default -> OperationStyle.UNSUPPORTED;
      };
    }
    return switch (a) {
      case "cohere", "cohere_v2", "cohere_rerank", "jina", "jina_rerank" -> OperationStyle.COHERE_RERANK;
      default -> OperationStyle.UNSUPPORTED;
    };
  }

  private static OperationStyle defaultStyle(String operation, WireStyle chatStyle) {
    if (operation.equals(EndpointSpec.RERANK)) {
      return OperationStyle.COHERE_RERANK;
    }
    return switch (chatStyle) {
      case OPENAI_CHAT, OPENAI_RESPONSES -> OperationStyle.OPENAI_EMBEDDINGS;
      case GEMINI_GENERATE_CONTENT -> OperationStyle.GEMINI_EMBED_CONTENT;
      case COHERE_V2 -> OperationStyle.COHERE_EMBED;
      default -> OperationStyle.UNSUPPORTED;
    };
  }

  private static void extension(Node ext, String op, OperationSpec.Builder spec) {
    if (!ext.present()) {
      return;
    }
    ext.requireObject();
    for (Map.Entry<String, Node> e : ext.entries().entrySet()) {
      if (!EXTENSION_KEYS.contains(e.getKey())) {
        throw e.getValue().error("unknown key '" + e.getKey() + "' in " + EXTENSION + "; expected one of "
            + new java.util.TreeSet<>(EXTENSION_KEYS));
      }
    }
    spec.maxInputs(ext.get("max_inputs").intValue(1, Integer.MAX_VALUE));
    spec.wireNames(names(ext.get("wire_names"), WIRE_NAME_KEYS, "wire_names"));
    Map<String, String> types = names(ext.get("input_types"), INPUT_TYPE_KEYS, "input_types");
    Boolean required = ext.get("input_type_required").boolValue();
    if (!op.equals(EndpointSpec.EMBEDDINGS) && (!types.isEmpty() || required != null)) {
      throw ext.error("input types apply to embeddings only, not to " + op);
    }
    spec.inputTypes(types).inputTypeRequired(Boolean.TRUE.equals(required));
  }

  private static Map<String, String> names(Node node, Set<String> keys, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : node.requireObject().entries().entrySet()) {
      if (!keys.contains(e.getKey())) {
        throw e.getValue().error("unknown key '" + e.getKey() + "' in " + EXTENSION + "." + field
            + "; expected one of " + new java.util.TreeSet<>(keys));
      }
      String value = e.getValue().text();
      if (value == null || value.isBlank()) {
        throw e.getValue().error(EXTENSION + "." + field + "." + e.getKey() + " must be a string that is not empty");
      }
      out.put(e.getKey(), value.trim());
    }
    return out;
  }

  /**
   * The models with the operations they serve as capabilities: {@code modality: embedding} entries serve
   * embeddings, {@code metadata.rerank_models} serve rerank (added when the {@code models} map lacks them).
   *
   * @param models the models as {@link SectionMapper#models} read them
   * @param metadata the {@code metadata} block
   * @return the models, marked
   */
  static Map<String, ModelSpec> markModels(Map<String, ModelSpec> models, Node metadata) {
    Map<String, ModelSpec> out = new LinkedHashMap<>(models);
    for (Map.Entry<String, Node> e : metadata.get("models").entries().entrySet()) {
      String modality = e.getValue().isObject() ? e.getValue().get("modality").text() : null;
      if (modality != null) {
        String m = modality.trim().toLowerCase(Locale.ROOT);
        if (m.equals("embedding") || m.equals("embeddings")) {
          out.computeIfPresent(e.getKey(), (id, spec) -> with(spec, EndpointSpec.EMBEDDINGS));
        } else if (m.equals("rerank")) {
          out.computeIfPresent(e.getKey(), (id, spec) -> with(spec, EndpointSpec.RERANK));
        }
      }
    }
    for (Node id : metadata.get("rerank_models").elements()) {
      String name = id.text();
      if (name == null || name.isBlank()) {
        throw id.error("a rerank model id must be a string that is not empty");
      }
      ModelSpec spec = out.get(name);
      if (spec != null || !models.isEmpty()) { // a manifest listing no models accepts any id: none is added to it
        out.put(name, with(spec == null ? ModelSpec.builder().id(name).build() : spec, EndpointSpec.RERANK));
      }
    }
    return out;
  }

  private static ModelSpec with(ModelSpec spec, String operation) {
    Set<String> caps = new LinkedHashSet<>(spec.capabilities());
    caps.add(operation);
    return spec.toBuilder().capabilities(caps).build();
  }
}
