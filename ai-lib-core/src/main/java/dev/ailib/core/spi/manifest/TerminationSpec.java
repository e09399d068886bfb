package dev.ailib.core.spi.manifest;

import java.util.Map;

/**
 * How the provider's finish reasons map to the protocol's standard ones.
 *
 * @param sourceField the response field holding the reason, or null
 * @param mapping provider value to standard reason name ({@code end_turn}, {@code tool_use}, ...)
 */
public record TerminationSpec(String sourceField, Map<String, String> mapping) {

  /** Nothing declared: provider values that are standard names are kept, others become {@code other}. */
  public static final TerminationSpec NONE = new TerminationSpec(null, Map.of());

  /** Copies. */
  public TerminationSpec {
    mapping = Map.copyOf(mapping == null ? Map.of() : mapping);
  }
}
