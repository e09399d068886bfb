package dev.ailib.core.spi.manifest;

import java.util.List;

/**
 * One parameter the provider accepts.
 *
 * @param name the protocol name, such as {@code max_tokens}
 * @param type integer, float, boolean, string, array or object
 * @param min the smallest allowed value, or null
 * @param max the largest allowed value, or null
 * @param defaultValue the default as a JSON-like value, or null
 * @param required whether the provider requires it (the default is sent when the caller gives none)
 * @param providerName the name on the wire when it differs (such as {@code max_completion_tokens}), else null
 * @param aliases other names callers may use
 */
public record ParameterSpec(String name, String type, Double min, Double max, Object defaultValue, boolean required,
    String providerName, List<String> aliases) {

  /** Copies. */
  public ParameterSpec {
    aliases = List.copyOf(aliases == null ? List.of() : aliases);
  }

  /** The name sent on the wire. */
  public String wireName() {
    return providerName != null ? providerName : name;
  }
}
