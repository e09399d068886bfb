package dev.ailib.core.internal.engine;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.internal.codec.WireCodec;
import dev.ailib.core.internal.resolve.Credential;
import dev.ailib.core.internal.resolve.CredentialResolver;
import dev.ailib.core.internal.resolve.ModelRef;
import dev.ailib.core.internal.resolve.ModelResolver;
import dev.ailib.core.internal.resolve.ResolvedModel;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.net.URI;

/**
 * Resolves one {@code provider/model} of a client (the primary model or a fallback, parsed once when the client is
 * built) to its current {@link Target}. On every call it asks the protocol source for the provider's manifest (so
 * an edited manifest is picked up by the next call); while the source returns the same manifest instance, the
 * target built from it is reused as it is: codec, credential, base URL (the builder's override for the primary
 * provider, else the manifest's with its {@code ${VAR}} placeholders filled) and request templates depend only on
 * the manifest and this client's settings (credentials and base-URL variables come from the environment, fixed for
 * a process). Thread-safe.
 */
final class TargetResolver {
  private final ModelRef ref;
  private final ModelResolver models;
  private final CredentialResolver credentials;
  private final String explicitKey;
  private final URI baseUrlOverride;
  /** The target of the manifest instance seen last. */
  private volatile Target last;

  /**
   * Creates the resolver of one model.
   *
   * @param ref the model
   * @param models finds manifests and checks model ids
   * @param credentials finds the credential
   * @param explicitKey the builder's key for this model's provider ({@code apiKey(key)} for the primary provider,
   *     {@code apiKey(provider, key)} for any), or null
   * @param baseUrlOverride the builder's base URL (primary provider only), or null
   */
  TargetResolver(ModelRef ref, ModelResolver models, CredentialResolver credentials, String explicitKey,
      URI baseUrlOverride) {
    this.ref = ref;
    this.models = models;
    this.credentials = credentials;
    this.explicitKey = explicitKey;
    this.baseUrlOverride = baseUrlOverride;
  }

  /** The model this resolver resolves. */
  ModelRef ref() {
    return ref;
  }

  /**
   * The target for the provider's current manifest.
   *
   * @return the target
   * @throws ProtocolException when the provider or model is unknown, the wire style unsupported, a credential
   *     missing or a URL invalid
   */
  Target resolve() {
    ProviderManifest manifest = models.manifest(ref.provider());
    Target t = last;
    if (t != null && t.manifest() == manifest) {
      return t;
    }
    t = build(models.resolve(ref, manifest));
    last = t;
    return t;
  }

  private Target build(ResolvedModel rm) {
    if (rm.manifest().wireStyle() == WireStyle.UNSUPPORTED) {
      throw unsupported(rm);
    }
    WireCodec codec = WireCodec.forStyle(rm.manifest().wireStyle());
    URI base = baseUrlOverride != null ? baseUrlOverride : parse(rm);
    Credential c = credentials.resolve(rm.manifest(), explicitKey);
    Secret key = c.value() == null ? null : new Secret(c.value().strip());
    return Target.of(ref.provider(), rm.modelId(), rm.manifest(), rm.metadata(), codec, key, base);
  }

  /** The error for a manifest whose wire format has no codec: the value found and the field it was in. */
  static ProtocolException unsupported(ResolvedModel rm) {
    ProviderManifest m = rm.manifest();
    String found = m.wireStyleField() != null
        ? "declares the wire format '" + m.wireStyleValue() + "' in field " + m.wireStyleField()
            + ", which this runtime has no codec for"
        : "declares no wire format (none of api_style, endpoints.chat.adapter, payload_format, "
            + "api_families.chat.request_format, response_format) and its chat endpoint, response and stream paths "
            + "look like none this runtime knows";
    return new ProtocolException(dev.ailib.api.error.StandardErrorCode.INVALID_REQUEST, "provider '"
        + rm.providerId() + "' (" + m.source() + ") " + found + "; supported: " + WireCodec.SUPPORTED,
        new dev.ailib.api.error.SourceLocation(m.source() == null ? "manifest of " + m.id() : m.source(), 0, 0,
            m.wireStyleField() == null ? "api_style" : m.wireStyleField()), null);
  }

  private URI parse(ResolvedModel rm) {
    String base = models.baseUrl(rm.manifest());
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

  @Override
  public String toString() {
    return "TargetResolver[" + ref + "]";
  }
}
