package dev.ailib.core.internal.engine;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.spi.ClientConfig;
import dev.ailib.core.internal.codec.WireCodec;
import dev.ailib.core.internal.resolve.Credential;
import dev.ailib.core.internal.resolve.CredentialResolver;
import dev.ailib.core.internal.resolve.ModelResolver;
import dev.ailib.core.internal.resolve.ResolvedModel;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.WireStyle;
import dev.ailib.core.spi.protocol.ProtocolSource;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves {@code provider/model} to a {@link Target}: the manifest and wire model id ({@link ModelResolver}, which
 * asks the protocol source on every call so edited manifests are picked up), the codec of the manifest's wire
 * style, the credential ({@link CredentialResolver}; the builder's {@code apiKey(key)} applies to the primary
 * provider, {@code apiKey(provider, key)} to any model of that provider) and
 * the base URL (the builder's override for the primary provider, else the manifest's). A target is rebuilt only
 * when its manifest changes: credentials and base-URL variables come from the environment, fixed for a process.
 */
final class TargetResolver {
  private final ModelResolver models;
  private final CredentialResolver credentials;
  private final String primaryProvider;
  private final ClientConfig config;
  private final URI baseUrlOverride;
  /** The last target per model: reused while the source returns the same manifest (reloads give a new one). */
  private final Map<String, Target> resolved = new ConcurrentHashMap<>();

  TargetResolver(ProtocolSource source, Environment environment, String primaryProvider, ClientConfig config,
      URI baseUrlOverride) {
    this.models = new ModelResolver(source, environment, false);
    this.credentials = new CredentialResolver(environment);
    this.primaryProvider = primaryProvider;
    this.config = config;
    this.baseUrlOverride = baseUrlOverride;
  }

  Target resolve(ModelRef ref) {
    ResolvedModel rm = models.resolve(ref.toString());
    Target cached = resolved.get(ref.toString());
    if (cached != null && cached.manifest() == rm.manifest() && cached.modelId().equals(rm.modelId())) {
      return cached; // codec, base URL and credential depend only on the manifest and this client's settings
    }
    Target t = build(ref, rm);
    resolved.put(ref.toString(), t);
    return t;
  }

  private Target build(ModelRef ref, ResolvedModel rm) {
    if (rm.manifest().wireStyle() == WireStyle.UNSUPPORTED) {
      throw new ProtocolException("provider '" + rm.providerId() + "' (" + rm.manifest().source() + ") declares a wire "
          + "format this runtime has no codec for (api_style / endpoints.chat.adapter / payload_format); supported: "
          + "OpenAI chat completions, OpenAI Responses, Anthropic messages, Gemini generateContent");
    }
    WireCodec codec = WireCodec.forStyle(rm.manifest().wireStyle());
    boolean primary = ref.provider().equals(primaryProvider);
    URI base = primary && baseUrlOverride != null ? baseUrlOverride : parse(rm);
    Credential c = credentials.resolve(rm.manifest(), config.explicitKey(ref.provider(), primary));
    Secret key = c.value() == null ? null : new Secret(c.value().strip());
    return new Target(ref.provider(), rm.modelId(), rm.manifest(), rm.metadata(), codec, key, base);
  }

  private static URI parse(ResolvedModel rm) {
    String base = rm.baseUrl();
    try {
      URI uri = URI.create(base);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("not absolute");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("the manifest of provider '" + rm.providerId() + "' (" + rm.manifest().source()
          + ") has an invalid base URL '" + base + "'; set one with AiClientBuilder.baseUrl(...)");
    }
  }
}
