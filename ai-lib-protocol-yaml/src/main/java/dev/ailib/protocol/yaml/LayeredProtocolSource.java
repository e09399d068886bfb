package dev.ailib.protocol.yaml;

import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.protocol.ProtocolSource;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asks its layers in order (builder directory, {@code AI_PROTOCOL_PATH} entries, bundled set); the first that
 * has the provider answers. An invalid manifest in an earlier layer is an error, never a silent fall-through to
 * a later layer's version.
 */
final class LayeredProtocolSource implements ProtocolSource {
  private final List<ManifestLayer> layers;

  LayeredProtocolSource(List<ManifestLayer> layers) {
    this.layers = List.copyOf(layers);
  }

  @Override
  public Optional<ProviderManifest> manifest(String providerId) {
    if (providerId == null || providerId.isBlank()) {
      return Optional.empty();
    }
    for (ManifestLayer layer : layers) {
      Optional<LoadedManifest> found = layer.find(providerId);
      if (found.isPresent()) {
        return Optional.of(found.get().manifest());
      }
    }
    return Optional.empty();
  }

  @Override
  public Set<String> providerIds() {
    Set<String> ids = new TreeSet<>();
    for (ManifestLayer layer : layers) {
      ids.addAll(layer.ids());
    }
    return Collections.unmodifiableSet(ids);
  }

  /** Where manifests are looked for, in order, for messages. */
  List<String> describeLayers() {
    return layers.stream().map(ManifestLayer::describe).toList();
  }

  @Override
  public String toString() {
    return "YamlProtocolSource" + describeLayers();
  }
}
