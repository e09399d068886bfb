package dev.ailib.core.spi.manifest;

import java.util.Map;
import java.util.Set;

/**
 * What the provider can do.
 *
 * @param required capabilities every model has (text, streaming, tools, ...)
 * @param optional capabilities some models have
 * @param featureFlags named features and whether they are on
 * @param textToolFallback the {@code tool_calling.text_fallback} declaration, or null when tool calls are native only
 */
public record CapabilitiesSpec(Set<String> required, Set<String> optional, Map<String, Boolean> featureFlags,
    TextToolFallbackSpec textToolFallback) {

  /** Nothing declared. */
  public static final CapabilitiesSpec NONE = new CapabilitiesSpec(Set.of(), Set.of(), Map.of(), null);

  /** Copies. */
  public CapabilitiesSpec {
    required = Set.copyOf(required == null ? Set.of() : required);
    optional = Set.copyOf(optional == null ? Set.of() : optional);
    featureFlags = Map.copyOf(featureFlags == null ? Map.of() : featureFlags);
  }

  /**
   * Capabilities without a text tool-call fallback.
   *
   * @param required capabilities every model has
   * @param optional capabilities some models have
   * @param featureFlags named features and whether they are on
   */
  public CapabilitiesSpec(Set<String> required, Set<String> optional, Map<String, Boolean> featureFlags) {
    this(required, optional, featureFlags, null);
  }

  /**
   * Whether a capability is declared, required or optional.
   *
   * @param capability such as {@code vision}
   * @return true when declared
   */
  public boolean declares(String capability) {
    return required.contains(capability) || optional.contains(capability);
  }
}
