package dev.ailib.core.internal.stream;

import dev.ailib.api.FinishReason;
import dev.ailib.core.spi.manifest.TerminationSpec;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a provider's finish reason to the protocol's vocabulary: the manifest's termination mapping first
 * (exact, then ignoring case), then the standard names ({@code end_turn}, {@code max_tokens}, ...), then the
 * common provider values ({@code stop}, {@code length}, {@code tool_calls}, {@code content_filter},
 * {@code STOP}, {@code MAX_TOKENS}, {@code SAFETY}, ...), else {@link FinishReason#OTHER}.
 */
public final class FinishReasons {
  private static final Map<String, FinishReason> COMMON = new HashMap<>();

  static {
    put(FinishReason.END_TURN, "stop", "end_turn", "complete", "completed", "eos", "eos_token", "finished", "done");
    put(FinishReason.MAX_TOKENS, "length", "max_tokens", "max_output_tokens", "model_length", "token_limit");
    put(FinishReason.STOP_SEQUENCE, "stop_sequence");
    put(FinishReason.TOOL_USE, "tool_calls", "tool_call", "function_call", "tool_use");
    put(FinishReason.REFUSAL, "content_filter", "refusal", "safety", "recitation", "blocklist",
        "prohibited_content", "spii", "image_safety", "sensitive");
    put(FinishReason.PAUSE_TURN, "pause_turn");
    put(FinishReason.OTHER, "other", "error", "malformed_function_call", "finish_reason_unspecified");
  }

  private FinishReasons() {
  }

  private static void put(FinishReason r, String... names) {
    for (String n : names) {
      COMMON.put(n, r);
    }
  }

  /**
   * Maps a raw value.
   *
   * @param raw the provider's value (not null)
   * @param termination the manifest's mapping
   * @return the canonical reason
   */
  public static FinishReason map(String raw, TerminationSpec termination) {
    String mapped = termination.mapping().get(raw);
    if (mapped == null) {
      for (Map.Entry<String, String> e : termination.mapping().entrySet()) {
        if (e.getKey().equalsIgnoreCase(raw)) {
          mapped = e.getValue();
          break;
        }
      }
    }
    if (mapped != null) {
      FinishReason r = FinishReason.fromWireName(mapped).orElse(null);
      if (r != null) {
        return r;
      }
      FinishReason viaCommon = COMMON.get(mapped.toLowerCase(Locale.ROOT));
      return viaCommon == null ? FinishReason.OTHER : viaCommon;
    }
    FinishReason r = COMMON.get(raw.trim().toLowerCase(Locale.ROOT));
    return r == null ? FinishReason.OTHER : r;
  }
}
