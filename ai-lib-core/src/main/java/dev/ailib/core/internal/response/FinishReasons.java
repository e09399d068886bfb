package dev.ailib.core.internal.response;

import dev.ailib.api.FinishReason;
import dev.ailib.core.spi.manifest.TerminationSpec;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one finish-reason mapping, used by the non-streaming codecs and the stream pipeline alike. A raw value maps
 * through the manifest's {@code termination.mapping} first (exact key, then ignoring case; a mapped value that is
 * not a standard name is itself looked up below), then the standard names ({@code end_turn}, {@code max_tokens},
 * ...), then the common provider values ({@code stop}, {@code length}, {@code tool_calls}, {@code content_filter},
 * {@code eos}, {@code STOP}, {@code MAX_TOKENS}, {@code SAFETY}, {@code RECITATION}, {@code COMPLETE}, ...),
 * matched ignoring case and surrounding blanks; anything else is {@link FinishReason#OTHER}.
 *
 * <p>A reason is only ever {@link #resolve resolved} together with whether the answer called tools: no raw value
 * (a stream that ended on its done signal, a body with {@code finish_reason: null}) is {@code end_turn}, or
 * {@code tool_use} when tools were called; and {@code end_turn} with tool calls is {@code tool_use} (Gemini says
 * {@code STOP} after a function call, some OpenAI-compatible servers say {@code stop}).
 */
public final class FinishReasons {
  private static final Map<String, FinishReason> COMMON = new HashMap<>();

  static {
    put(FinishReason.END_TURN, "stop", "end_turn", "complete", "completed", "eos", "eos_token", "finished", "done");
    put(FinishReason.MAX_TOKENS, "length", "max_tokens", "max_output_tokens", "model_length", "token_limit",
        "model_context_window_exceeded");
    put(FinishReason.STOP_SEQUENCE, "stop_sequence");
    put(FinishReason.TOOL_USE, "tool_calls", "tool_call", "function_call", "tool_use");
    put(FinishReason.REFUSAL, "content_filter", "refusal", "safety", "recitation", "blocklist",
        "prohibited_content", "spii", "image_safety", "sensitive", "language");
    put(FinishReason.PAUSE_TURN, "pause_turn");
    put(FinishReason.OTHER, "other", "error", "malformed_function_call", "finish_reason_unspecified",
        "block_reason_unspecified");
  }

  private FinishReasons() {
  }

  private static void put(FinishReason r, String... names) {
    for (String n : names) {
      COMMON.put(n, r);
    }
  }

  /**
   * Maps a raw value, without looking at tool calls.
   *
   * @param raw the provider's value (not null)
   * @param termination the manifest's mapping
   * @return the canonical reason
   */
  public static FinishReason map(String raw, TerminationSpec termination) {
    String mapped = termination.mapping().get(raw);
    if (mapped == null) {
      for (Map.Entry<String, String> e : termination.mapping().entrySet()) {
        if (e.getKey().equalsIgnoreCase(raw.trim())) {
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
      FinishReason viaCommon = COMMON.get(mapped.trim().toLowerCase(Locale.ROOT));
      return viaCommon == null ? FinishReason.OTHER : viaCommon;
    }
    FinishReason r = COMMON.get(raw.trim().toLowerCase(Locale.ROOT));
    return r == null ? FinishReason.OTHER : r;
  }

  /**
   * The reason an answer reports.
   *
   * @param raw the provider's value, or null (or blank) when it sent none
   * @param termination the manifest's mapping
   * @param calledTools whether the answer (or the stream's candidate) holds tool calls
   * @return the canonical reason
   */
  public static FinishReason resolve(String raw, TerminationSpec termination, boolean calledTools) {
    if (raw == null || raw.isBlank()) {
      return calledTools ? FinishReason.TOOL_USE : FinishReason.END_TURN;
    }
    FinishReason r = map(raw, termination);
    return r == FinishReason.END_TURN && calledTools ? FinishReason.TOOL_USE : r;
  }
}
