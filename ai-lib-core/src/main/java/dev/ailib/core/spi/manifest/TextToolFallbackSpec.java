package dev.ailib.core.spi.manifest;

import java.util.List;

/**
 * The manifest's {@code capabilities.tool_calling.text_fallback}: the provider's models may write tool calls as text
 * markup ({@code <tool_call>{...}</tool_call>} or a known dialect) instead of, or besides, native tool calls.
 *
 * @param format the markup format, such as {@code xml_json}
 * @param wrapper the canonical wrapper tag, such as {@code tool_call}
 * @param promptLevel the instruction level the provider needs ({@code L1}..{@code L3}), or null
 * @param dialects the dialect tags the manifest lists (shell, bash, function, dsml, ...)
 */
public record TextToolFallbackSpec(String format, String wrapper, String promptLevel, List<String> dialects) {

  /** Copies. */
  public TextToolFallbackSpec {
    dialects = List.copyOf(dialects == null ? List.of() : dialects);
  }
}
