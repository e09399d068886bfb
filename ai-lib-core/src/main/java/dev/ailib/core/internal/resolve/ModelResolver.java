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
 * Resolves a model reference {@code provider/model} to the provider's manifest and the model id sent on the
 * wire (everything after the first {@code /}, so {@code openrouter/meta-llama/llama-3.3-70b} sends
 * {@code meta-llama/llama-3.3-70b}). Thread-safe; asks the source on every call, so an edited manifest is used
 * by the next call.
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
   * Resolves a model reference.
   *
   * @param modelRef such as {@code anthropic/claude-sonnet-4-5}
   * @return the manifest, wire model id, base URL and metadata
   * @throws ProtocolException when the reference is malformed, the provider or model is unknown (the message
   *     lists what is available), the manifest is invalid, or a base-URL variable is unset
   */
  public ResolvedModel resolve(String modelRef) {
    if (modelRef == null || modelRef.isBlank()) {
      throw new ProtocolException("no model given; expected 'provider/model', such as 'acme/model-1'");
    }
    String ref = modelRef.strip();
    int slash = ref.indexOf('/');
    if (slash <= 0 || slash == ref.length() - 1) {
      throw new ProtocolException("model '" + ref + "' must be written 'provider/model' (such as 'acme/model-1');"
          + " known providers: " + String.join(", ", new TreeSet<>(source.providerIds())));
    }
    String providerId = ref.substring(0, slash);
    String modelId = ref.substring(slash + 1);
    Optional<ProviderManifest> found = source.manifest(providerId);
    if (found.isEmpty()) {
      throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "unknown provider '" + providerId
          + "' in model '" + ref + "'; available providers: " + String.join(", ", new TreeSet<>(source.providerIds())),
          null, null);
    }
    ProviderManifest manifest = found.get();
    ModelSpec metadata = manifest.models().get(modelId);
    if (metadata == null && !manifest.models().isEmpty() && !allowUnlistedModels
        && !Boolean.TRUE.equals(manifest.capabilities().featureFlags().get(OPEN_CATALOG_FLAG))) {
      throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "unknown model '" + modelId
          + "' for provider '" + providerId + "' (" + manifest.source() + "); available models: "
          + String.join(", ", new TreeSet<>(manifest.models().keySet()))
          + ". To use a model the manifest does not list, add it to the manifest's metadata.models or allow "
          + "unlisted models", null, null);
    }
    ProviderManifest serving = manifest.forModel(modelId); // the model's API family, else the manifest itself
    return new ResolvedModel(serving, modelId, expand(serving), metadata);
  }

  private String expand(ProviderManifest manifest) {
    String url = manifest.endpoint().baseUrl();
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
