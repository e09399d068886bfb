package dev.ailib.core.internal.resolve;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.protocol.ProtocolSource;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a parsed {@link ModelRef} to the provider's manifest and the model's metadata. Thread-safe; asks the
 * source on every call ({@link #manifest(String)}), so an edited manifest is used by the next call; callers keep
 * what they derive from a manifest while the source returns the same instance.
 *
 * <p>Which models are accepted:
 * <ul>
 *   <li>a manifest with no {@code metadata.models} list accepts any model id;</li>
 *   <li>a manifest that lists models accepts only those, and an unlisted id is an error naming the listed
 *   ones, unless the manifest sets the feature flag {@value #OPEN_CATALOG_FLAG} (aggregators such as
 *   OpenRouter, whose lists are examples) or the resolver was created with {@code allowUnlistedModels};</li>
 *   <li>an accepted unlisted model resolves with no metadata.</li>
 * </ul>
 * A listed model that names an API family ({@code ModelSpec.apiFamily}) resolves to that family's manifest
 * ({@link ProviderManifest#forModel(String)}), whose wire style, chat path and stream rules serve it.
 */
public final class ModelResolver {
  /** The capability feature flag saying a manifest's model list is a sample, not the whole catalog. */
  public static final String OPEN_CATALOG_FLAG = "open_model_catalog";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final ProtocolSource source;
  private final Environment environment;
  private final boolean allowUnlistedModels;

  /**
   * Creates a resolver.
   *
   * @param source where manifests come from
   * @param environment for {@code ${VAR}} placeholders in base URLs
   * @param allowUnlistedModels true to accept any model id even when the manifest lists its models
   */
  public ModelResolver(ProtocolSource source, Environment environment, boolean allowUnlistedModels) {
    this.source = Objects.requireNonNull(source, "source");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.allowUnlistedModels = allowUnlistedModels;
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
   * Checks that the manifest accepts the model and finds its metadata.
   *
   * @param ref the parsed reference
   * @param manifest the provider's manifest
   * @return the manifest, wire model id and metadata
   * @throws ProtocolException when the manifest lists its models, does not list this one and does not allow
   *     unlisted ones (the message lists the models)
   */
  public ResolvedModel resolve(ModelRef ref, ProviderManifest manifest) {
    String modelId = ref.model();
    ModelSpec metadata = manifest.models().get(modelId);
    if (metadata == null && !manifest.models().isEmpty() && !allowUnlistedModels
        && !Boolean.TRUE.equals(manifest.capabilities().featureFlags().get(OPEN_CATALOG_FLAG))) {
      throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "unknown model '" + modelId
          + "' for provider '" + ref.provider() + "' (" + manifest.source() + "); available models: "
          + String.join(", ", new TreeSet<>(manifest.models().keySet()))
          + ". To use a model the manifest does not list, add it to the manifest's metadata.models or allow "
          + "unlisted models", null, null);
    }
    // the model's API family, else the manifest itself
    return new ResolvedModel(manifest.forModel(modelId), modelId, metadata);
  }

  /**
   * The manifest's base URL with its {@code ${VAR}} placeholders filled from the environment. Only needed when
   * the client does not override the base URL; a URL without placeholders is returned as it is.
   *
   * @param manifest the manifest
   * @return the URL text
   * @throws ProtocolException when a placeholder's variable is not set
   */
  public String baseUrl(ProviderManifest manifest) {
    String url = manifest.endpoint().baseUrl();
    if (url.indexOf("${") < 0) {
      return url;
    }
    Matcher m = PLACEHOLDER.matcher(url);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = environment.get(name).orElseThrow(() -> new ProtocolException("the base URL of provider '"
          + manifest.id() + "' (" + manifest.source() + ") needs the environment variable " + name
          + ", which is not set"));
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
