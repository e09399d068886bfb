package dev.ailib.core.internal.engine;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.OperationSpec;
import dev.ailib.core.spi.manifest.OperationStyle;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.util.List;
import java.util.TreeSet;

/**
 * Which operations a target serves, decided in one place from its manifest and model entry, and the refusals of
 * the others: {@link StandardErrorCode#REQUEST_TOO_LARGE E1005}, the AI-Protocol's "capability not declared" (as
 * {@link CapabilityGuard}), raised before any request.
 *
 * <ul>
 *   <li>An operation besides chat is served when the manifest declares its endpoint ({@link EndpointSpec#operations})
 *   and the model serves it: a model whose entry names operations (a capability {@code embeddings} or
 *   {@code rerank}, from {@code modality: embedding} or {@code metadata.rerank_models}) serves those only; a listed
 *   model that names none does not serve an operation other models of the manifest are named for; a model the
 *   manifest does not list (open catalogs) serves whatever the manifest declares.</li>
 *   <li>Chat is served when the manifest declares a chat wire style this runtime speaks and a chat path, and the
 *   model names no other operations.</li>
 * </ul>
 * A target that serves nothing is a build error; one that serves something builds, and calls of what it does not
 * serve are refused.
 */
final class Operations {
  /** The name of chat calls (the GenAI conventions' operation name). */
  static final String CHAT = "chat";
  /** The operations besides chat this runtime runs. */
  static final List<String> OTHERS = List.of(EndpointSpec.EMBEDDINGS, EndpointSpec.RERANK);

  private Operations() {
  }

  /**
   * Why a model of a manifest serves no chat.
   *
   * @param provider the provider id
   * @param modelId the model id
   * @param manifest the manifest
   * @param model the model's entry, or null
   * @return the reason, or null when it serves chat
   */
  static String chatRefusal(String provider, String modelId, ProviderManifest manifest, ModelSpec model) {
    List<String> named = named(model);
    if (!named.isEmpty()) {
      return "model '" + modelId + "' of provider '" + provider + "' serves " + String.join(" and ", named)
          + ", not chat (manifest " + manifest.source() + ")";
    }
    if (manifest.wireStyle() == WireStyle.UNSUPPORTED) {
      if (manifest.endpoint().chatPath() == null && !manifest.endpoint().operations().isEmpty()) {
        return "provider '" + provider + "' declares no chat endpoint (manifest " + manifest.source()
            + "); it declares " + String.join(", ", new TreeSet<>(manifest.endpoint().operations().keySet()));
      }
      return TargetResolver.unsupportedMessage(provider, manifest) + " (" + TargetResolver.location(manifest) + ")";
    }
    if (manifest.endpoint().chatPath() == null && manifest.endpoint().streamChatPath() == null) {
      return "the manifest of provider '" + provider + "' (" + manifest.source() + ") has no chat path";
    }
    return null;
  }

  /** Whether a model of a manifest serves at least one operation besides chat. */
  static boolean servesAny(ProviderManifest manifest, ModelSpec model) {
    for (String op : OTHERS) {
      if (refusal(op, "", manifest, model) == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fails the build of a client whose model serves nothing: no chat and no other operation.
   *
   * @param provider the provider id
   * @param modelId the model id
   * @param manifest the manifest
   * @param model the model's entry, or null
   * @throws ProtocolException when the model serves nothing, with every reason
   */
  static void requireSomething(String provider, String modelId, ProviderManifest manifest, ModelSpec model) {
    String chat = chatRefusal(provider, modelId, manifest, model);
    if (chat == null || servesAny(manifest, model)) {
      return;
    }
    if (manifest.endpoint().operations().isEmpty()) {
      throw new ProtocolException(chat); // a chat-only manifest: its chat problem is the whole story
    }
    StringBuilder why = new StringBuilder("model '" + modelId + "' of provider '" + provider
        + "' serves no operation this runtime runs: " + chat);
    for (String op : OTHERS) {
      if (manifest.endpoint().operation(op) != null) {
        why.append("; ").append(refusal(op, modelId, manifest, model));
      }
    }
    throw new ProtocolException(why.toString());
  }

  /**
   * Refuses a chat call on a target that serves no chat.
   *
   * @param t the target
   * @throws ProtocolException (E1005) when it serves none
   */
  static void requireChat(Target t) {
    if (t.chatRefusal() != null) {
      throw refused(t.chatRefusal() + "; the request was not sent");
    }
  }

  /**
   * The declared endpoint of an operation a target serves.
   *
   * @param t the target
   * @param operation such as {@link EndpointSpec#EMBEDDINGS}
   * @return the endpoint
   * @throws ProtocolException (E1005) when the manifest does not declare it, its format is not one this runtime
   *     speaks, or the model does not serve it
   */
  static OperationSpec require(Target t, String operation) {
    String why = refusal(operation, t.modelId(), t.manifest(), t.modelSpec());
    if (why != null) {
      throw refused(why + "; the request was not sent");
    }
    return t.manifest().endpoint().operation(operation);
  }

  /** Whether a target serves an operation (for the fallbacks of a call). */
  static boolean serves(Target t, String operation) {
    return refusal(operation, t.modelId(), t.manifest(), t.modelSpec()) == null;
  }

  private static String refusal(String operation, String modelId, ProviderManifest m, ModelSpec model) {
    OperationSpec spec = m.endpoint().operation(operation);
    if (spec == null) {
      TreeSet<String> declared = new TreeSet<>(m.endpoint().operations().keySet());
      if (chatRefusal(m.id(), modelId, m, null) == null) { // what the provider declares, whatever this model serves
        declared.add(CHAT);
      }
      return "provider '" + m.id() + "' does not declare operation '" + operation + "' (manifest " + m.source()
          + ": no endpoint." + operation + " / endpoints." + operation + "); it declares "
          + (declared.isEmpty() ? "no operation this runtime runs" : String.join(", ", declared));
    }
    if (spec.style() == OperationStyle.UNSUPPORTED) {
      return "provider '" + m.id() + "' declares operation '" + operation + "' in a wire format this runtime does "
          + "not speak (manifest " + m.source() + ": " + (spec.declaredStyle() == null
              ? "no adapter, and the chat wire style " + m.wireStyle() + " has no " + operation + " format"
              : "adapter '" + spec.declaredStyle() + "'") + ")";
    }
    List<String> named = named(model);
    if (!named.isEmpty() && !named.contains(operation)) {
      return "model '" + modelId + "' of provider '" + m.id() + "' does not serve " + operation + " (manifest "
          + m.source() + "): it serves " + String.join(", ", named);
    }
    if (named.isEmpty() && model != null) {
      TreeSet<String> others = new TreeSet<>();
      m.models().forEach((id, spec2) -> {
        if (spec2.capabilities().contains(operation)) {
          others.add(id);
        }
      });
      if (!others.isEmpty()) {
        return "model '" + modelId + "' of provider '" + m.id() + "' is not " + article(operation) + " model "
            + "(manifest " + m.source() + "); its " + operation + " models: " + String.join(", ", others);
      }
    }
    return null;
  }

  /** The operations besides chat a model entry names. */
  private static List<String> named(ModelSpec model) {
    if (model == null) {
      return List.of();
    }
    return OTHERS.stream().filter(model.capabilities()::contains).toList();
  }

  private static String article(String operation) {
    return operation.equals(EndpointSpec.EMBEDDINGS) ? "an embeddings" : "a " + operation;
  }

  private static ProtocolException refused(String message) {
    return new ProtocolException(StandardErrorCode.REQUEST_TOO_LARGE, message, null, null);
  }
}
