package dev.ailib.core.internal.codec;

import dev.ailib.api.ChatRequest;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.List;
import java.util.Objects;

/**
 * What a codec encodes.
 *
 * @param request the caller's request
 * @param modelId the model id as the provider knows it (never with the {@code provider/} prefix)
 * @param params the checked parameters, in the order given
 * @param stream whether the call streams
 * @param manifest the provider's manifest
 * @param modelSpec the model's metadata, or null when the manifest does not list the model
 */
public record EncodeInput(ChatRequest request, String modelId, List<WireParam> params, boolean stream,
    ProviderManifest manifest, ModelSpec modelSpec) {
  /** Checks and copies. */
  public EncodeInput {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(manifest, "manifest");
    params = List.copyOf(params);
  }

  /**
   * A parameter by its protocol name.
   *
   * @param name such as {@code max_tokens}
   * @return the parameter, or null
   */
  public WireParam param(String name) {
    for (WireParam p : params) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }
}
