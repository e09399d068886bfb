package dev.ailib.core.spi.manifest;

import java.util.Map;
import java.util.Set;

/**
 * What the provider can do.
 *
 * @param required capabilities every model has (text, streaming, tools, ...)
 * @param optional capabilities some models have
 * @param featureFlags named features and whether they are on
 */
public record CapabilitiesSpec(Set<String> required, Set<String> optional, Map<String, Boolean> featureFlags) {

  /** Nothing declared. */
  public static final CapabilitiesSpec NONE = new CapabilitiesSpec(Set.of(), Set.of(), Map.of());

  /** Copies. */
  public CapabilitiesSpec {
    required = Set.copyOf(required == null ? Set.of() : required);
    optional = Set.copyOf(optional == null ? Set.of() : optional);
    featureFlags = Map.copyOf(featureFlags == null ? Map.of() : featureFlags);
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
