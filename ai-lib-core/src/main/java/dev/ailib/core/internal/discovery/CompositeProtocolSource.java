package dev.ailib.core.internal.discovery;

import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.protocol.ProtocolSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Several protocol sources searched in order; the first that has a provider answers for it. */
final class CompositeProtocolSource implements ProtocolSource {
  private final List<ProtocolSource> sources;

  CompositeProtocolSource(List<ProtocolSource> sources) {
    this.sources = List.copyOf(sources);
  }

  @Override
  public Optional<ProviderManifest> manifest(String providerId) {
    for (ProtocolSource s : sources) {
      Optional<ProviderManifest> m = s.manifest(providerId);
      if (m.isPresent()) {
        return m;
      }
    }
    return Optional.empty();
  }

  @Override
  public Set<String> providerIds() {
    Set<String> ids = new LinkedHashSet<>();
    sources.forEach(s -> ids.addAll(s.providerIds()));
    return ids;
  }
}
