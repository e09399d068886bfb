package dev.ailib.core.internal.structured;

import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.Optional;

/** The manifest of a provider that served a call, to tell which structured output mode it used. */
@FunctionalInterface
public interface ManifestLookup {
  /**
   * The manifest.
   *
   * @param providerId the provider id, as in {@link dev.ailib.api.CallStats#provider()}
   * @return the manifest, or empty when unknown
   */
  Optional<ProviderManifest> manifest(String providerId);
}
