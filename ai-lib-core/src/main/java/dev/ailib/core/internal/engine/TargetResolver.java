package dev.ailib.core.internal.engine;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.codec.WireCodec;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.protocol.ProtocolSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Resolves {@code provider/model} to a {@link Target}: the manifest (asked of the protocol source on every call,
 * so edited manifests are picked up), the codec of its wire style, the credential (the builder's key for the
 * primary provider, else the manifest's environment variables, else {@code <PROVIDER>_API_KEY}) and the base URL
 * (the builder's override for the primary provider, else the manifest's).
 */
final class TargetResolver {
  private final ProtocolSource source;
  private final Environment environment;
  private final String primaryProvider;
  private final Secret explicitKey;
  private final URI baseUrlOverride;

  TargetResolver(ProtocolSource source, Environment environment, String primaryProvider, String explicitKey,
      URI baseUrlOverride) {
    this.source = source;
    this.environment = environment;
    this.primaryProvider = primaryProvider;
    this.explicitKey = explicitKey == null ? null : new Secret(explicitKey);
    this.baseUrlOverride = baseUrlOverride;
  }

  Target resolve(ModelRef ref) {
    ProviderManifest manifest = manifest(ref.provider());
    WireCodec codec = WireCodec.forStyle(manifest.wireStyle());
    boolean primary = ref.provider().equals(primaryProvider);
    URI base = primary && baseUrlOverride != null ? baseUrlOverride : manifestBaseUrl(manifest);
    Secret key = credential(manifest, primary);
    return new Target(ref.provider(), ref.model(), manifest, manifest.model(ref.model()).orElse(null), codec, key, base);
  }

  private ProviderManifest manifest(String providerId) {
    Optional<ProviderManifest> m = source.manifest(providerId);
    if (m.isEmpty()) {
      throw new ProtocolException("unknown provider '" + providerId + "': no manifest for it; available providers: "
          + new TreeSet<>(source.providerIds()));
    }
    return m.get();
  }

  private static URI manifestBaseUrl(ProviderManifest m) {
    String base = m.endpoint().baseUrl();
    if (base == null || base.isBlank()) {
      throw new ProtocolException("the manifest of provider '" + m.id() + "' (" + m.source() + ") has no base URL; "
          + "set one with AiClientBuilder.baseUrl(...)");
    }
    try {
      return URI.create(base);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("the manifest of provider '" + m.id() + "' (" + m.source() + ") has an invalid "
          + "base URL '" + base + "'");
    }
  }

  private Secret credential(ProviderManifest m, boolean primary) {
    if (m.auth().type() == AuthSpec.Type.NONE) {
      return null;
    }
    if (primary && explicitKey != null) {
      return explicitKey;
    }
    List<String> names = new ArrayList<>(m.auth().tokenEnvVars());
    String conventional = m.id().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_API_KEY";
    if (!names.contains(conventional)) {
      names.add(conventional);
    }
    for (String name : names) {
      Optional<String> v = environment.get(name);
      if (v.isPresent()) {
        return new Secret(v.get().trim());
      }
    }
    throw new AiLibException(StandardErrorCode.AUTHENTICATION, "no API key for provider '" + m.id()
        + "': set the environment variable " + String.join(" or ", names)
        + (primary ? ", or pass one with AiClientBuilder.apiKey(...)" : ""));
  }
}
