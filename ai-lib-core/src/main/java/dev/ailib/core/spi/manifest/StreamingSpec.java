package dev.ailib.core.spi.manifest;

import dev.ailib.core.spi.expression.Expression;
import dev.ailib.core.spi.expression.JsonPath;
import java.util.List;
import java.util.Objects;

/**
 * How a provider's stream is decoded and mapped to events.
 *
 * @param decoder how bytes become frames
 * @param frameSelector frames not matching are skipped, or null to keep all
 * @param eventMap rules applied in order to each frame; every matching rule emits (several events per frame)
 * @param candidate multi-candidate fan-out, or null
 * @param accumulator tool-call argument accumulation, or null
 * @param stopCondition a frame matching this ends the stream, or null
 * @param contentPath v1 {@code content_path} (a fallback when no rule maps content), or null
 * @param toolCallPath v1 {@code tool_call_path}, or null
 * @param usagePath v1 {@code extra_metadata_path} / usage path, or null
 */
public record StreamingSpec(DecoderSpec decoder, Expression frameSelector, List<EventRule> eventMap,
    CandidateSpec candidate, AccumulatorSpec accumulator, Expression stopCondition, JsonPath contentPath,
    JsonPath toolCallPath, JsonPath usagePath) {

  /** Checks and copies. */
  public StreamingSpec {
    Objects.requireNonNull(decoder, "decoder");
    eventMap = List.copyOf(eventMap == null ? List.of() : eventMap);
  }

  /**
   * The decoder settings.
   *
   * @param format {@code sse}, {@code anthropic_sse}, {@code gemini_sse}, {@code ndjson}, {@code json_array}, ...
   * @param strategy a named strategy such as {@code openai_chat}, or null
   * @param prefix the data line prefix, usually {@code data: }, or null
   * @param delimiter the frame delimiter, usually a blank line, or null
   * @param doneSignal the data payload that ends the stream, such as {@code [DONE]}, or null
   */
  public record DecoderSpec(String format, String strategy, String prefix, String delimiter, String doneSignal) {
    /** Checks the format is present. */
    public DecoderSpec {
      Objects.requireNonNull(format, "format");
    }
  }

  /**
   * One event-map rule: when {@code match} holds for a frame, emit an event whose fields are read from the frame.
   * v1 calls the field map {@code fields}, v2 {@code extract}; both land here.
   *
   * @param match the condition
   * @param emit the event kind
   * @param emitName the emit name as written in the manifest
   * @param fields field name to where its value comes from
   */
  public record EventRule(Expression match, EmitKind emit, String emitName, java.util.Map<String, ValueSource> fields) {
    /** Copies. */
    public EventRule {
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(emit, "emit");
      fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields == null ? java.util.Map.of() : fields));
    }
  }

  /** The event kinds a rule may emit (manifest names in brackets). */
  public enum EmitKind {
    /** Text ({@code PartialContentDelta}). */
    CONTENT_DELTA,
    /** Reasoning ({@code ThinkingDelta}). */
    THINKING_DELTA,
    /** A tool call starts ({@code ToolCallStarted}). */
    TOOL_CALL_STARTED,
    /** Tool arguments fragment ({@code PartialToolCall}). */
    PARTIAL_TOOL_CALL,
    /** A tool call ends ({@code ToolCallEnded}). */
    TOOL_CALL_ENDED,
    /** Usage or other metadata ({@code Metadata}, {@code UsageReport}). */
    METADATA,
    /** A candidate finished ({@code FinalCandidate}). */
    FINAL_CANDIDATE,
    /** The stream ends ({@code StreamEnd}). */
    STREAM_END,
    /** A provider error frame ({@code StreamError}). */
    STREAM_ERROR
  }

  /**
   * Where a field's value comes from: a path into the frame, or a literal.
   *
   * @param path the path, or null for a literal
   * @param literal the literal (a JSON-like value), used when path is null
   */
  public record ValueSource(JsonPath path, Object literal) {
  }

  /**
   * Candidate fan-out for multi-choice streams.
   *
   * @param candidateIdPath where each element's candidate index is, such as {@code $.choices[*].index}
   * @param fanOut whether to emit events per candidate
   */
  public record CandidateSpec(JsonPath candidateIdPath, boolean fanOut) {
  }

  /**
   * Tool-call accumulation.
   *
   * @param statefulToolParsing whether fragments are accumulated per call
   * @param keyPath where argument fragments are, or null
   * @param flushOn a frame matching this completes the pending calls, or null
   */
  public record AccumulatorSpec(boolean statefulToolParsing, JsonPath keyPath, Expression flushOn) {
  }
}
