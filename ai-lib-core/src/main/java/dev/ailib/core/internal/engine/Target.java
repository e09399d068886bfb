package dev.ailib.core.internal.engine;

import dev.ailib.api.Cost;
import dev.ailib.api.Usage;
import dev.ailib.core.internal.codec.EmbeddingCodec;
import dev.ailib.core.internal.codec.WireCodec;
import dev.ailib.core.internal.cost.Costs;
import dev.ailib.core.internal.cost.Spending;
import dev.ailib.core.internal.resilience.Resilience;
import dev.ailib.core.internal.resolve.Placeholders;
import dev.ailib.core.internal.response.Origin;
import dev.ailib.core.internal.response.Redactor;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.OperationSpec;
import dev.ailib.core.spi.manifest.OperationStyle;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.RetryPolicySpec;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resolved model to call, with everything its requests share, computed once per manifest instance
 * ({@link TargetResolver} keeps it until the source returns another manifest): the manifest, codec, credential,
 * base URL, the endpoint key of the per-endpoint policies and the request templates of every operation it can serve
 * (URI and headers, credential included). {@link #toString()} hides the key.
 *
 * <p>A target may serve no chat (an embeddings or rerank model, a manifest that declares only rerank): then
 * {@code codec}, {@code chat} and {@code stream} are null and {@code chatRefusal} says why, which a chat call is
 * refused with before any request ({@link Operations#requireChat}).
 *
 * @param provider the provider id
 * @param modelId the model id without provider prefix
 * @param manifest the provider's manifest
 * @param modelSpec the model's metadata, or null when the manifest does not list it
 * @param codec the chat codec of the manifest's wire style, or null when the target serves no chat
 * @param apiKey the credential, or null when the manifest's auth needs none
 * @param baseUrl the base URL (the builder's override or the manifest's)
 * @param endpointKey the base URL as text: the key of the endpoint's breaker and rate limiter
 * @param chat the template of non-streaming chat requests, or null
 * @param stream the template of streaming chat requests, or null
 * @param origin this target as the origin of answers: its names and its redactor (the credential and the base
 *     URL's user-info), made once
 * @param chatRefusal why the target serves no chat, or null when it does
 * @param operationTemplates the templates of the other operations' requests, by path template
 */
record Target(String provider, String modelId, ProviderManifest manifest, ModelSpec modelSpec, WireCodec codec,
    Secret apiKey, URI baseUrl, String endpointKey, RequestTemplate chat, RequestTemplate stream, Origin origin,
    String chatRefusal, Map<String, RequestTemplate> operationTemplates)
    implements Resilience.Target {

  Target {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(endpointKey, "endpointKey");
    Objects.requireNonNull(origin, "origin");
    if (chatRefusal == null) {
      Objects.requireNonNull(codec, "codec");
      Objects.requireNonNull(chat, "chat");
      Objects.requireNonNull(stream, "stream");
    }
    operationTemplates = Map.copyOf(operationTemplates);
  }

  /**
   * A target and its request templates.
   *
   * @param provider the provider id
   * @param modelId the wire model id
   * @param manifest the manifest
   * @param modelSpec the model's metadata, or null
   * @param apiKey the credential, or null
   * @param baseUrl the base URL
   * @param placeholders fills {@code ${VAR}} placeholders in the manifest's paths and header values
   * @return the target
   * @throws dev.ailib.api.error.ProtocolException when a request URL cannot be built (see {@link RequestFactory}),
   *     a placeholder's variable is not set, or the target can serve no operation at all (every reason)
   */
  static Target of(String provider, String modelId, ProviderManifest manifest, ModelSpec modelSpec, Secret apiKey,
      URI baseUrl, Placeholders placeholders) {
    Operations.requireSomething(provider, modelId, manifest, modelSpec);
    String refusal = Operations.chatRefusal(provider, modelId, manifest, modelSpec);
    WireCodec codec = refusal == null ? WireCodec.forStyle(manifest.wireStyle()) : null;
    Map<String, RequestTemplate> ops = new LinkedHashMap<>();
    for (Map.Entry<String, OperationSpec> e : manifest.endpoint().operations().entrySet()) {
      OperationSpec spec = e.getValue();
      if (spec.style() == OperationStyle.UNSUPPORTED) {
        continue; // refused when called, naming the declared format
      }
      List<String> paths = e.getKey().equals(EndpointSpec.EMBEDDINGS)
          ? EmbeddingCodec.forStyle(spec.style()).paths(spec) : List.of(spec.path());
      for (String path : paths) {
        ops.put(path, RequestFactory.template(provider, modelId, manifest, e.getKey() + " path", path,
            spec.method(), Map.of(), false, apiKey, baseUrl, placeholders));
      }
    }
    return new Target(provider, modelId, manifest, modelSpec, codec, apiKey, baseUrl, baseUrl.toString(),
        codec == null ? null
            : RequestFactory.template(provider, modelId, manifest, codec, apiKey, baseUrl, false, placeholders),
        codec == null ? null
            : RequestFactory.template(provider, modelId, manifest, codec, apiKey, baseUrl, true, placeholders),
        new Origin(provider, modelId, Redactor.forCall(apiKey == null ? null : apiKey.reveal(), baseUrl)), refusal,
        ops);
  }

  /** The template of one chat mode (the target serves chat). */
  RequestTemplate template(boolean streaming) {
    return streaming ? stream : chat;
  }

  /**
   * The template of an operation's request.
   *
   * @param path the path template, one of the operation codec's paths
   * @return the template
   */
  RequestTemplate operationTemplate(String path) {
    RequestTemplate t = operationTemplates.get(path);
    if (t == null) {
      throw new IllegalStateException("no request template for path " + path + " of " + this);
    }
    return t;
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
