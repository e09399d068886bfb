package dev.ailib.core.internal.resolve;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.protocol.ProtocolSource;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Resolves a parsed {@link ModelRef} to the provider's manifest, the model's metadata and the id sent on the wire.
 * Thread-safe; asks the source on every call ({@link #manifest(String)}), so an edited manifest is used by the next
 * call; callers keep what they derive from a manifest while the source returns the same instance.
 *
 * <p>Which models are accepted:
 * <ul>
 *   <li>a manifest with no {@code metadata.models} list accepts any model id, sent as written;</li>
 *   <li>a manifest that lists models accepts a listed id, an alias of one (sent as the listed id) or a dated snapshot
 *   of either (sent as written), with that model's metadata (see {@link ModelCatalog});</li>
 *   <li>any other id is an error naming the listed ones and how to allow it, unless the manifest sets the feature
 *   flag {@value #OPEN_CATALOG_FLAG} (aggregators such as OpenRouter, whose lists are examples) or the client allows
 *   unlisted models for that provider; such an id is sent as written, with no metadata.</li>
 * </ul>
 * A listed model that names an API family ({@code ModelSpec.apiFamily}) resolves to that family's manifest
 * ({@link ProviderManifest#forModel(String)}), whose wire style, chat path and stream rules serve it.
 */
public final class ModelResolver {
  /** The capability feature flag saying a manifest's model list is a sample, not the whole catalog. */
  public static final String OPEN_CATALOG_FLAG = "open_model_catalog";

  private final ProtocolSource source;
  private final Predicate<String> unlistedAllowed;

  /**
   * Creates a resolver.
   *
   * @param source where manifests come from
   * @param unlistedAllowed whether the client allows ids a listing manifest does not list, by provider id (asked with
   *     the id as the caller wrote it and with the manifest's id, which differ for a provider alias)
   */
  public ModelResolver(ProtocolSource source, Predicate<String> unlistedAllowed) {
    this.source = Objects.requireNonNull(source, "source");
    this.unlistedAllowed = Objects.requireNonNull(unlistedAllowed, "unlistedAllowed");
  }

  /**
   * Resolves a model reference: {@link #manifest(String)}, then {@link #resolve(ModelRef, ProviderManifest)}.
   *
   * @param ref the parsed reference
   * @return the manifest, wire model id and metadata
   * @throws ProtocolException when the provider or model is unknown (the message lists what is available)
   */
  public ResolvedModel resolve(ModelRef ref) {
    return resolve(ref, manifest(ref.provider()));
  }

  /**
   * The provider's manifest as the source has it now (asked on every call: a reloaded manifest is a new instance).
   *
   * @param providerId the provider id
   * @return the manifest
   * @throws ProtocolException when the source has no such provider, listing the ones it has
   */
  public ProviderManifest manifest(String providerId) {
    Optional<ProviderManifest> found = source.manifest(providerId);
    if (found.isEmpty()) {
      throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "unknown provider '" + providerId
          + "'; available providers: " + String.join(", ", new TreeSet<>(source.providerIds())), null, null);
    }
    return found.get();
  }

  /**
   * Checks that the manifest accepts the model, finds its metadata and the id to send.
   *
   * @param ref the parsed reference
   * @param manifest the provider's manifest
   * @return the manifest, wire model id and metadata
   * @throws ProtocolException when the manifest lists its models, knows this id by none of its forms and unlisted
   *     ids are not allowed (the message lists the models and says how to allow it), or when an alias is ambiguous
   */
  public ResolvedModel resolve(ModelRef ref, ProviderManifest manifest) {
    String modelId = ref.model();
    ModelCatalog catalog = ModelCatalog.of(manifest);
    Optional<ModelCatalog.Found> found = catalog.find(modelId);
    if (found.isPresent()) {
      // the listed model's API family (also for its aliases and snapshots), else the manifest itself
      return new ResolvedModel(manifest.forModel(found.get().spec().id()), found.get().wireId(), found.get().spec());
    }
    if (catalog.lists() && !unlistedAllowed.test(ref.provider()) && !unlistedAllowed.test(manifest.id())
        && !Boolean.TRUE.equals(manifest.capabilities().featureFlags().get(OPEN_CATALOG_FLAG))) {
      throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "unknown model '" + modelId
          + "' for provider '" + ref.provider() + "' (" + manifest.source() + "); it lists: " + catalog.describe()
          + " (a listed id or alias may also carry a snapshot suffix such as -20250101 or -2025-01-01). To send an id "
          + "it does not list, call AiClientBuilder.allowUnlistedModels(\"" + ref.provider() + "\") (or "
          + "allowUnlistedModels() for every provider), or add the model to metadata.models in your own copy of the "
          + "manifest (AiClientBuilder.protocolDir or AI_PROTOCOL_PATH)", null, null);
    }
    return new ResolvedModel(manifest, modelId, null); // an unlisted id names no family
  }
}
