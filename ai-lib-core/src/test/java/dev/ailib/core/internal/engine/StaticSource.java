package dev.ailib.core.internal.engine;

import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.protocol.ProtocolSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A protocol source over fixed manifests. */
final class StaticSource implements ProtocolSource {
  private final Map<String, ProviderManifest> manifests = new LinkedHashMap<>();

  StaticSource(ProviderManifest... list) {
    for (ProviderManifest m : list) {
      manifests.put(m.id(), m);
    }
  }

  @Override
  public Optional<ProviderManifest> manifest(String providerId) {
    return Optional.ofNullable(manifests.get(providerId));
  }

  @Override
  public Set<String> providerIds() {
    return manifests.keySet();
  }
}
