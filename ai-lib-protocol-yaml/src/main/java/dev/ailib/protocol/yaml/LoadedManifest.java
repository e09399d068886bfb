package dev.ailib.protocol.yaml;

import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.List;

/**
 * A loaded manifest and the other provider ids it answers to (its {@code aliases}, such as {@code google} for
 * {@code gemini}).
 *
 * @param manifest the manifest
 * @param aliases other ids, may be empty
 */
public record LoadedManifest(ProviderManifest manifest, List<String> aliases) {

  /** Copies. */
  public LoadedManifest {
    aliases = List.copyOf(aliases == null ? List.of() : aliases);
  }
}
