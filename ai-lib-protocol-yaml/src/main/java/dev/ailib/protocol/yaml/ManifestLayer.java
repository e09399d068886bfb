package dev.ailib.protocol.yaml;

import java.util.Optional;
import java.util.Set;

/** One place manifests come from: a directory or the bundled set. Thread-safe. */
interface ManifestLayer {

  /**
   * A provider's manifest.
   *
   * @param providerId the id or an alias
   * @return the manifest, or empty when this layer has none
   * @throws dev.ailib.api.error.ProtocolException when the layer has the file but it is invalid and no earlier
   *     good version exists
   */
  Optional<LoadedManifest> find(String providerId);

  /** The ids this layer has (file names; aliases of loaded manifests). */
  Set<String> ids();

  /** For messages, such as {@code directory /etc/ai-protocol}. */
  String describe();
}
