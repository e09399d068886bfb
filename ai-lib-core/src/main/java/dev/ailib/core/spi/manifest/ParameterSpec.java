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
 * @param providerName the name on the wire when it differs (such as {@code max_completion_tokens}), else null;
 *     dots mean nesting ({@code generationConfig.maxOutputTokens})
 * @param aliases other names callers may use
 * @param allowedValues the only values allowed (a manifest {@code enum}), empty when any value of the type is
 */
public record ParameterSpec(String name, String type, Double min, Double max, Object defaultValue, boolean required,
    String providerName, List<String> aliases, List<Object> allowedValues) {

  /** Copies. */
  public ParameterSpec {
    aliases = List.copyOf(aliases == null ? List.of() : aliases);
    allowedValues = List.copyOf(allowedValues == null ? List.of() : allowedValues);
  }

  /**
   * A parameter without an enumeration of allowed values.
   *
   * @param name the protocol name
   * @param type the type
   * @param min the smallest value, or null
   * @param max the largest value, or null
   * @param defaultValue the default, or null
   * @param required whether required
   * @param providerName the wire name, or null
   * @param aliases other names
   */
  public ParameterSpec(String name, String type, Double min, Double max, Object defaultValue, boolean required,
      String providerName, List<String> aliases) {
    this(name, type, min, max, defaultValue, required, providerName, aliases, List.of());
  }

  /** The name sent on the wire. */
  public String wireName() {
    return providerName != null ? providerName : name;
  }
}
