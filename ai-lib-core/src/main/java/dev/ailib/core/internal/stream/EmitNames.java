package dev.ailib.core.internal.stream;

import dev.ailib.core.spi.manifest.StreamingSpec.EmitKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The manifest's {@code emit} names and the event kinds they mean. */
public final class EmitNames {
  private static final Map<String, EmitKind> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put("partialcontentdelta", EmitKind.CONTENT_DELTA);
    NAMES.put("contentdelta", EmitKind.CONTENT_DELTA);
    NAMES.put("thinkingdelta", EmitKind.THINKING_DELTA);
    NAMES.put("reasoningdelta", EmitKind.THINKING_DELTA);
    NAMES.put("thinkingblockended", EmitKind.THINKING_BLOCK_ENDED);
    NAMES.put("toolcallstarted", EmitKind.TOOL_CALL_STARTED);
    NAMES.put("partialtoolcall", EmitKind.PARTIAL_TOOL_CALL);
    NAMES.put("toolcalldelta", EmitKind.PARTIAL_TOOL_CALL);
    NAMES.put("toolcallended", EmitKind.TOOL_CALL_ENDED);
    NAMES.put("metadata", EmitKind.METADATA);
    NAMES.put("usagereport", EmitKind.METADATA);
    NAMES.put("usage", EmitKind.METADATA);
    NAMES.put("finalcandidate", EmitKind.FINAL_CANDIDATE);
    NAMES.put("streamend", EmitKind.STREAM_END);
    NAMES.put("streamerror", EmitKind.STREAM_ERROR);
    NAMES.put("error", EmitKind.STREAM_ERROR);
  }

  private EmitNames() {
  }

  /**
   * The kind an emit name means, ignoring case and underscores ({@code PartialContentDelta},
   * {@code partial_content_delta}).
   *
   * @param name the name as written in the manifest
   * @return the kind, or empty when the name is unknown
   */
  public static Optional<EmitKind> kind(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(NAMES.get(name.replace("_", "").trim().toLowerCase(Locale.ROOT)));
  }

  /** The names understood, for error messages. */
  public static String known() {
    return "PartialContentDelta, ThinkingDelta, ThinkingBlockEnded, ToolCallStarted, PartialToolCall, ToolCallEnded, Metadata, "
        + "UsageReport, FinalCandidate, StreamEnd, StreamError";
  }
}
