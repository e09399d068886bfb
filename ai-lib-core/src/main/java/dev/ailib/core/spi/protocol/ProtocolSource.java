package dev.ailib.core.spi.protocol;

import dev.ailib.api.spi.ClientComponent;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.Optional;
import java.util.Set;

/**
 * Yields provider manifests. Thread-safe. A source may reload edited files: each call returns the newest
 * valid manifest; a broken edit keeps the last good one (and is reported once).
 */
public interface ProtocolSource extends ClientComponent {

  /**
   * The manifest of a provider.
   *
   * @param providerId such as {@code openai}
   * @return the manifest, or empty when this source has none for the id
   * @throws dev.ailib.api.error.ProtocolException when the manifest exists but is invalid (with file, line, field)
   */
  Optional<ProviderManifest> manifest(String providerId);

  /** The provider ids this source has, for "available: ..." messages. */
  Set<String> providerIds();
}
