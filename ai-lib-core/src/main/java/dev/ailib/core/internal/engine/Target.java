package dev.ailib.core.internal.engine;

import dev.ailib.api.Cost;
import dev.ailib.api.Usage;
import dev.ailib.core.internal.codec.WireCodec;
import dev.ailib.core.internal.cost.Costs;
import dev.ailib.core.internal.cost.Spending;
import dev.ailib.core.internal.resilience.Resilience;
import dev.ailib.core.internal.resolve.Placeholders;
import dev.ailib.core.internal.response.Origin;
import dev.ailib.core.internal.response.Redactor;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.RetryPolicySpec;
import java.net.URI;
import java.util.Objects;

/**
 * One resolved model to call, with everything its requests share, computed once per manifest instance
 * ({@link TargetResolver} keeps it until the source returns another manifest): the manifest, codec, credential,
 * base URL, the endpoint key of the per-endpoint policies and the request templates of both modes (URI and
 * headers, credential included). {@link #toString()} hides the key.
 *
 * @param provider the provider id
 * @param modelId the model id without provider prefix
 * @param manifest the provider's manifest
 * @param modelSpec the model's metadata, or null when the manifest does not list it
 * @param codec the codec of the manifest's wire style
 * @param apiKey the credential, or null when the manifest's auth needs none
 * @param baseUrl the base URL (the builder's override or the manifest's)
 * @param endpointKey the base URL as text: the key of the endpoint's breaker and rate limiter
 * @param chat the template of non-streaming requests
 * @param stream the template of streaming requests
 * @param origin this target as the origin of answers: its names and its redactor (the credential and the base
 *     URL's user-info), made once
 */
record Target(String provider, String modelId, ProviderManifest manifest, ModelSpec modelSpec, WireCodec codec,
    Secret apiKey, URI baseUrl, String endpointKey, RequestTemplate chat, RequestTemplate stream, Origin origin)
    implements Resilience.Target {

  Target {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(endpointKey, "endpointKey");
    Objects.requireNonNull(chat, "chat");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(origin, "origin");
  }

  /**
   * A target and its request templates.
   *
   * @param provider the provider id
   * @param modelId the wire model id
   * @param manifest the manifest
   * @param modelSpec the model's metadata, or null
   * @param codec the codec
   * @param apiKey the credential, or null
   * @param baseUrl the base URL
   * @param placeholders fills {@code ${VAR}} placeholders in the manifest's paths and header values
   * @return the target
   * @throws dev.ailib.api.error.ProtocolException when a request URL cannot be built (see {@link RequestFactory}) or
   *     a placeholder's variable is not set
   */
  static Target of(String provider, String modelId, ProviderManifest manifest, ModelSpec modelSpec, WireCodec codec,
      Secret apiKey, URI baseUrl, Placeholders placeholders) {
    return new Target(provider, modelId, manifest, modelSpec, codec, apiKey, baseUrl, baseUrl.toString(),
        RequestFactory.template(provider, modelId, manifest, codec, apiKey, baseUrl, false, placeholders),
        RequestFactory.template(provider, modelId, manifest, codec, apiKey, baseUrl, true, placeholders),
        new Origin(provider, modelId, Redactor.forCall(apiKey == null ? null : apiKey.reveal(), baseUrl)));
  }

  /** The template of one mode. */
  RequestTemplate template(boolean streaming) {
    return streaming ? stream : chat;
  }

  @Override
  public String model() {
    return modelId;
  }

  @Override
  public RetryPolicySpec retryPolicy() {
    return manifest.retry();
  }

  /**
   * What a call served by this target cost, by its model's prices.
   *
   * @param usage the call's usage
   * @return the cost, or unknown with the reason
   */
  Cost cost(Usage usage) {
    return Costs.of(usage, modelSpec, provider, modelId, manifest.source());
  }

  /** This target's model and metadata, for the client's budgets. */
  Spending.Priced priced() {
    return new Spending.Priced(provider + "/" + modelId, modelSpec, manifest.source());
  }

  /** The redaction step of a call to this target: its credential and the user-info of its base URL. */
  Redactor redactor() {
    return origin.redactor();
  }

  @Override
  public String toString() {
    return "Target[" + provider + "/" + modelId + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***")
        + "]";
  }
}
