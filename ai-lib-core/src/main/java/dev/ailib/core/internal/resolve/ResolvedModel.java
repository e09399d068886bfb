package dev.ailib.core.internal.resolve;

import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of resolving {@code provider/model}.
 *
 * @param manifest the provider's manifest
 * @param modelId the model id sent on the wire, without the provider prefix
 * @param metadata what the manifest says about the model, or null when it does not list it
 */
public record ResolvedModel(ProviderManifest manifest, String modelId, ModelSpec metadata) {

  /** Checks. */
  public ResolvedModel {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(modelId, "modelId");
  }

  /** The provider id, such as {@code openai}. */
  public String providerId() {
    return manifest.id();
  }

  /** The model's metadata, when the manifest lists it. */
  public Optional<ModelSpec> model() {
    return Optional.ofNullable(metadata);
  }
}
