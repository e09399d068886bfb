package dev.ailib.core.internal.engine;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.internal.codec.WireCodec;
import dev.ailib.core.internal.resolve.Credential;
import dev.ailib.core.internal.resolve.CredentialResolver;
import dev.ailib.core.internal.resolve.ModelRef;
import dev.ailib.core.internal.resolve.ModelResolver;
import dev.ailib.core.internal.resolve.Placeholders;
import dev.ailib.core.internal.resolve.ResolvedModel;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.net.URI;

/**
 * Resolves one {@code provider/model} of a client (the primary model or a fallback, parsed once when the client is
 * built) to its current {@link Target}. On every call it asks the protocol source for the provider's manifest (so
 * an edited manifest is picked up by the next call); while the source returns the same manifest instance, the
 * target built from it is reused as it is (for a model of an API family, too: the family belongs to that instance):
 * codec, credential, base URL (the builder's override for this provider, else the manifest's with its
 * {@code ${VAR}} placeholders filled) and request templates depend only on the manifest and this client's settings
 * (credentials and placeholder variables come from the environment, fixed for a process). Placeholders are filled
 * only in what the requests use: an overridden base URL's variables are never asked for. Thread-safe.
 */
final class TargetResolver {
  private final ModelRef ref;
  private final ModelResolver models;
  private final CredentialResolver credentials;
  private final Placeholders placeholders;
  private final boolean primaryProvider;
  private final boolean fallback;
  private final String explicitKey;
  private final URI baseUrlOverride;
  /** The target built from the manifest instance the source returned last, with that instance. */
  private volatile Built last;

  /** A target and the provider manifest instance it was resolved from (its own manifest may be an API family). */
  private record Built(ProviderManifest source, Target target) {
  }

  /**
   * Creates the resolver of one model.
   *
   * @param ref the model
   * @param models finds manifests and checks model ids
   * @param credentials finds the credential
   * @param placeholders fills {@code ${VAR}} placeholders of the URL, paths and headers used
   * @param primaryProvider whether this model's provider is the primary model's (for messages)
   * @param fallback whether this model is a fallback (for messages)
   * @param explicitKey the builder's key for this model's provider ({@code apiKey(key)} for the primary provider,
   *     {@code apiKey(provider, key)} for any), or null
   * @param baseUrlOverride the builder's base URL for this model's provider ({@code baseUrl(url)} for the primary
   *     provider, {@code baseUrl(provider, url)} for any), or null
   */
  TargetResolver(ModelRef ref, ModelResolver models, CredentialResolver credentials, Placeholders placeholders,
      boolean primaryProvider, boolean fallback, String explicitKey, URI baseUrlOverride) {
    this.ref = ref;
    this.models = models;
    this.credentials = credentials;
    this.placeholders = placeholders;
    this.primaryProvider = primaryProvider;
    this.fallback = fallback;
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
    Built b = last;
    if (b != null && b.source() == manifest) {
      return b.target();
    }
    Target t = build(models.resolve(ref, manifest));
    last = new Built(manifest, t);
    return t;
  }

  private Target build(ResolvedModel rm) {
    if (rm.manifest().wireStyle() == WireStyle.UNSUPPORTED && rm.manifest().endpoint().operations().isEmpty()) {
      throw unsupported(rm); // a chat-only manifest in a format without codec
    }
    // nothing this client could call: a build error, before any key look-up
    Operations.requireSomething(ref.provider(), rm.modelId(), rm.manifest(), rm.metadata());
    URI base = baseUrlOverride != null ? baseUrlOverride : parse(rm);
    Credential c = credentials.resolve(rm.manifest(), explicitKey, (fallback ? "fallback model " : "model ")
        + ref, primaryProvider ? "it with AiClientBuilder.apiKey(key) or apiKey(\"" + ref.provider() + "\", key)"
            : "it with AiClientBuilder.apiKey(\"" + ref.provider() + "\", key)");
    Secret key = c.value() == null ? null : new Secret(c.value().strip());
    return Target.of(ref.provider(), rm.modelId(), rm.manifest(), rm.metadata(), key, base, placeholders);
  }

  /** The error for a manifest whose wire format has no codec: the value found and the field it was in. */
  static ProtocolException unsupported(ResolvedModel rm) {
    ProviderManifest m = rm.manifest();
    // the location names the manifest's source and field; the message says what was found there
    return new ProtocolException(dev.ailib.api.error.StandardErrorCode.INVALID_REQUEST,
        unsupportedMessage(rm.providerId(), m), location(m), null);
  }

  /** Where a manifest declares (or would declare) its wire format. */
  static dev.ailib.api.error.SourceLocation location(ProviderManifest m) {
    return new dev.ailib.api.error.SourceLocation(m.source() == null ? "manifest of " + m.id() : m.source(), -1, -1,
        m.wireStyleField() == null ? "api_style" : m.wireStyleField());
  }

  /** What is wrong with a manifest whose chat wire format has no codec: the value found and the field it was in. */
  static String unsupportedMessage(String provider, ProviderManifest m) {
    String found = m.wireStyleField() != null
        ? "declares the wire format '" + m.wireStyleValue() + "' in field " + m.wireStyleField()
            + ", which this runtime has no codec for"
        : "declares no wire format (none of api_style, endpoints.chat.adapter, payload_format, "
            + "api_families.chat.request_format, response_format) and its chat endpoint, response and stream paths "
            + "look like none this runtime knows";
    return "provider '" + provider + "' " + found + "; supported: " + WireCodec.SUPPORTED;
  }

  private URI parse(ResolvedModel rm) {
    String base = placeholders.fill(rm.manifest(), "endpoint.base_url", rm.manifest().endpoint().baseUrl());
    try {
      URI uri = URI.create(base);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("not absolute");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("the manifest of provider '" + rm.providerId() + "' (" + rm.manifest().source()
          + ") has an invalid base URL '" + base + "'; set one with AiClientBuilder.baseUrl(\"" + ref.provider()
          + "\", url)");
    }
  }

  @Override
  public String toString() {
    return "TargetResolver[" + ref + "]";
  }
}
