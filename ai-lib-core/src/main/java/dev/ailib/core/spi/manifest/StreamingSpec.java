package dev.ailib.core.spi.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a provider's stream is decoded and mapped to events. Match expressions and JSON paths are kept as the text
 * the manifest wrote; core compiles them once per manifest when it builds the stream pipeline. A protocol source
 * checks them at load with {@link ExpressionSyntax} so bad text is reported where it was written.
 *
 * <p>Build with {@link #builder()}: the canonical constructor gains a parameter whenever the protocol adds a
 * field, the builder does not.
 *
 * @param decoder how bytes become frames
 * @param frameSelector a match expression; frames not matching are skipped, or null to keep all
 * @param eventMap rules applied in order to each frame; every matching rule emits (several events per frame)
 * @param candidate multi-candidate fan-out, or null
 * @param accumulator tool-call argument accumulation, or null
 * @param stopCondition a match expression; a frame matching it ends the stream, or null
 * @param contentPath v1 {@code content_path}, a JSON path (a fallback when no rule maps content), or null
 * @param toolCallPath v1 {@code tool_call_path}, a JSON path, or null
 * @param usagePath v1 {@code extra_metadata_path} / usage path, a JSON path, or null
 * @param includeUsage {@code include_usage}: whether a streaming request asks the provider for usage (the OpenAI chat
 *     wire's {@code stream_options.include_usage}); null for the wire style's default (asked for OpenAI chat; other
 *     styles always report usage and have no such field). False for providers that reject the field.
 */
public record StreamingSpec(DecoderSpec decoder, String frameSelector, List<EventRule> eventMap,
    CandidateSpec candidate, AccumulatorSpec accumulator, String stopCondition, String contentPath,
    String toolCallPath, String usagePath, Boolean includeUsage) {

  /** Checks and copies. */
  public StreamingSpec {
    Objects.requireNonNull(decoder, "decoder");
    eventMap = List.copyOf(eventMap == null ? List.of() : eventMap);
  }

  /**
   * A builder with nothing set; {@link Builder#decoder} is required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this section's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder().decoder(decoder).frameSelector(frameSelector).eventMap(eventMap).candidate(candidate)
        .accumulator(accumulator).stopCondition(stopCondition).contentPath(contentPath).toolCallPath(toolCallPath)
        .usagePath(usagePath).includeUsage(includeUsage);
  }

  /** Builds a {@link StreamingSpec}. Not thread-safe. */
  public static final class Builder {
    private DecoderSpec decoder;
    private String frameSelector;
    private final List<EventRule> eventMap = new ArrayList<>();
    private CandidateSpec candidate;
    private AccumulatorSpec accumulator;
    private String stopCondition;
    private String contentPath;
    private String toolCallPath;
    private String usagePath;
    private Boolean includeUsage;

    private Builder() {
    }

    /**
     * Sets the decoder (required).
     *
     * @param decoder how bytes become frames
     * @return this builder
     */
    public Builder decoder(DecoderSpec decoder) {
      this.decoder = decoder;
      return this;
    }

    /**
     * Sets the frame selector.
     *
     * @param expression a match expression, or null to keep every frame
     * @return this builder
     */
    public Builder frameSelector(String expression) {
      this.frameSelector = expression;
      return this;
    }

    /**
     * Replaces the event-map rules.
     *
     * @param rules the rules in manifest order, or null for none
     * @return this builder
     */
    public Builder eventMap(List<EventRule> rules) {
      this.eventMap.clear();
      if (rules != null) {
        this.eventMap.addAll(rules);
      }
      return this;
    }

    /**
     * Appends one event-map rule.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder addEventRule(EventRule rule) {
      this.eventMap.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Sets the candidate fan-out.
     *
     * @param candidate the settings, or null
     * @return this builder
     */
    public Builder candidate(CandidateSpec candidate) {
      this.candidate = candidate;
      return this;
    }

    /**
     * Sets the tool-call accumulator.
     *
     * @param accumulator the settings, or null
     * @return this builder
     */
    public Builder accumulator(AccumulatorSpec accumulator) {
      this.accumulator = accumulator;
      return this;
    }

    /**
     * Sets the stop condition.
     *
     * @param expression a match expression, or null
     * @return this builder
     */
    public Builder stopCondition(String expression) {
      this.stopCondition = expression;
      return this;
    }

    /**
     * Sets the v1 content path.
     *
     * @param path a JSON path, or null
     * @return this builder
     */
    public Builder contentPath(String path) {
      this.contentPath = path;
      return this;
    }

    /**
     * Sets the v1 tool-call path.
     *
     * @param path a JSON path, or null
     * @return this builder
     */
    public Builder toolCallPath(String path) {
      this.toolCallPath = path;
      return this;
    }

    /**
     * Sets the v1 usage path.
     *
     * @param path a JSON path, or null
     * @return this builder
     */
    public Builder usagePath(String path) {
      this.usagePath = path;
      return this;
    }

    /**
     * Sets whether streaming requests ask for usage.
     *
     * @param includeUsage true or false, or null for the wire style's default
     * @return this builder
     */
    public Builder includeUsage(Boolean includeUsage) {
      this.includeUsage = includeUsage;
      return this;
    }

    /**
     * Builds the section.
     *
     * @return the section
     * @throws NullPointerException when the decoder is missing
     */
    public StreamingSpec build() {
      return new StreamingSpec(decoder, frameSelector, eventMap, candidate, accumulator, stopCondition, contentPath,
          toolCallPath, usagePath, includeUsage);
    }
  }

  /**
   * The decoder settings. Build with {@link #builder()}.
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

    /**
     * A builder with nothing set; {@link Builder#format} is required.
     *
     * @return the builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * A builder holding these settings.
     *
     * @return the builder
     */
    public Builder toBuilder() {
      return new Builder().format(format).strategy(strategy).prefix(prefix).delimiter(delimiter)
          .doneSignal(doneSignal);
    }

    /** Builds a {@link DecoderSpec}. Not thread-safe. */
    public static final class Builder {
      private String format;
      private String strategy;
      private String prefix;
      private String delimiter;
      private String doneSignal;

      private Builder() {
      }

      /**
       * Sets the frame format (required).
       *
       * @param format such as {@code sse}
       * @return this builder
       */
      public Builder format(String format) {
        this.format = format;
        return this;
      }

      /**
       * Sets the named decoder strategy.
       *
       * @param strategy such as {@code openai_chat}, or null
       * @return this builder
       */
      public Builder strategy(String strategy) {
        this.strategy = strategy;
        return this;
      }

      /**
       * Sets the data line prefix.
       *
       * @param prefix such as {@code data: }, or null
       * @return this builder
       */
      public Builder prefix(String prefix) {
        this.prefix = prefix;
        return this;
      }

      /**
       * Sets the frame delimiter.
       *
       * @param delimiter the delimiter, or null
       * @return this builder
       */
      public Builder delimiter(String delimiter) {
        this.delimiter = delimiter;
        return this;
      }

      /**
       * Sets the payload that ends the stream.
       *
       * @param doneSignal such as {@code [DONE]}, or null
       * @return this builder
       */
      public Builder doneSignal(String doneSignal) {
        this.doneSignal = doneSignal;
        return this;
      }

      /**
       * Builds the settings.
       *
       * @return the settings
       * @throws NullPointerException when the format is missing
       */
      public DecoderSpec build() {
        return new DecoderSpec(format, strategy, prefix, delimiter, doneSignal);
      }
    }
  }

  /**
   * One event-map rule: when {@code match} holds for a frame, emit an event whose fields are read from the frame.
   * v1 calls the field map {@code fields}, v2 {@code extract}; both land here. Build with {@link #builder()}.
   *
   * @param match the condition, a match expression
   * @param emit the event kind
   * @param emitName the emit name as written in the manifest, for diagnostics (the kind's name when not given)
   * @param fields field name to where its value comes from, in manifest order
   */
  public record EventRule(String match, EmitKind emit, String emitName, Map<String, ValueSource> fields) {
    /** Checks, copies and defaults. */
    public EventRule {
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(emit, "emit");
      emitName = emitName == null ? emit.name() : emitName;
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields == null ? Map.of() : fields));
    }

    /**
     * A builder with nothing set; {@link Builder#match} and {@link Builder#emit} are required.
     *
     * @return the builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * A builder holding this rule's values.
     *
     * @return the builder
     */
    public Builder toBuilder() {
      return new Builder().match(match).emit(emit).emitName(emitName).fields(fields);
    }

    /** Builds an {@link EventRule}. Not thread-safe. */
    public static final class Builder {
      private String match;
      private EmitKind emit;
      private String emitName;
      private final Map<String, ValueSource> fields = new LinkedHashMap<>();

      private Builder() {
      }

      /**
       * Sets the condition (required).
       *
       * @param expression a match expression
       * @return this builder
       */
      public Builder match(String expression) {
        this.match = expression;
        return this;
      }

      /**
       * Sets the event kind (required).
       *
       * @param emit the kind
       * @return this builder
       */
      public Builder emit(EmitKind emit) {
        this.emit = emit;
        return this;
      }

      /**
       * Sets the emit name as written in the manifest.
       *
       * @param emitName such as {@code PartialContentDelta}, or null for the kind's name
       * @return this builder
       */
      public Builder emitName(String emitName) {
        this.emitName = emitName;
        return this;
      }

      /**
       * Replaces the fields.
       *
       * @param fields field name to value source, in order, or null for none
       * @return this builder
       */
      public Builder fields(Map<String, ValueSource> fields) {
        this.fields.clear();
        if (fields != null) {
          this.fields.putAll(fields);
        }
        return this;
      }

      /**
       * Adds (or replaces) one field.
       *
       * @param name the field name, such as {@code content}
       * @param source where its value comes from
       * @return this builder
       */
      public Builder field(String name, ValueSource source) {
        this.fields.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(source, "source"));
        return this;
      }

      /**
       * Builds the rule.
       *
       * @return the rule
       * @throws NullPointerException when the match or the kind is missing
       */
      public EventRule build() {
        return new EventRule(match, emit, emitName, fields);
      }
    }
  }

  /** The event kinds a rule may emit (manifest names in brackets). */
  public enum EmitKind {
    /** Text ({@code PartialContentDelta}). */
    CONTENT_DELTA,
    /** Reasoning ({@code ThinkingDelta}). */
    THINKING_DELTA,
    /**
     * A signed or redacted block of reasoning ends ({@code ThinkingBlockEnded}, an ai-lib extension): fields
     * {@code signature} (the provider's signature of the thinking streamed since the previous block),
     * {@code redacted_thinking} (a redacted block's data) or {@code reasoning_item} (an OpenAI Responses reasoning
     * item, kept when it has encrypted content).
     */
    THINKING_BLOCK_ENDED,
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
   * Where a field's value comes from: a path into the frame, or a literal. Make one with {@link #ofPath} or
   * {@link #ofLiteral}.
   *
   * @param path a JSON path, or null for a literal
   * @param literal the literal (a JSON-like value: String, Long, Double, Boolean, List, Map), used when path is null
   */
  public record ValueSource(String path, Object literal) {

    /**
     * A value read from the frame.
     *
     * @param path a JSON path such as {@code $.choices[0].delta.content}
     * @return the source
     */
    public static ValueSource ofPath(String path) {
      return new ValueSource(Objects.requireNonNull(path, "path"), null);
    }

    /**
     * A constant value.
     *
     * @param literal the value (String, Long, Double, Boolean, List, Map), or null
     * @return the source
     */
    public static ValueSource ofLiteral(Object literal) {
      return new ValueSource(null, literal);
    }
  }

  /**
   * Candidate fan-out for multi-choice streams. Build with {@link #builder()}.
   *
   * @param candidateIdPath a JSON path to each element's candidate index, such as {@code $.choices[*].index}
   * @param fanOut whether to emit events per candidate
   */
  public record CandidateSpec(String candidateIdPath, boolean fanOut) {

    /**
     * A builder with nothing set (no path, no fan-out).
     *
     * @return the builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /** Builds a {@link CandidateSpec}. Not thread-safe. */
    public static final class Builder {
      private String candidateIdPath;
      private boolean fanOut;

      private Builder() {
      }

      /**
       * Sets the candidate index path.
       *
       * @param path a JSON path ending in the index field, such as {@code $.choices[*].index}, or null
       * @return this builder
       */
      public Builder candidateIdPath(String path) {
        this.candidateIdPath = path;
        return this;
      }

      /**
       * Sets whether events are emitted per candidate.
       *
       * @param fanOut true to fan out
       * @return this builder
       */
      public Builder fanOut(boolean fanOut) {
        this.fanOut = fanOut;
        return this;
      }

      /**
       * Builds the settings.
       *
       * @return the settings
       */
      public CandidateSpec build() {
        return new CandidateSpec(candidateIdPath, fanOut);
      }
    }
  }

  /**
   * Tool-call accumulation. Build with {@link #builder()}.
   *
   * @param statefulToolParsing whether fragments are accumulated per call
   * @param keyPath a JSON path to the argument fragments, or null
   * @param flushOn a match expression; a frame matching it completes the pending calls, or null
   */
  public record AccumulatorSpec(boolean statefulToolParsing, String keyPath, String flushOn) {

    /**
     * A builder with nothing set (not stateful, no key path, no flush condition).
     *
     * @return the builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /** Builds an {@link AccumulatorSpec}. Not thread-safe. */
    public static final class Builder {
      private boolean statefulToolParsing;
      private String keyPath;
      private String flushOn;

      private Builder() {
      }

      /**
       * Sets whether fragments are accumulated per call.
       *
       * @param stateful true to accumulate
       * @return this builder
       */
      public Builder statefulToolParsing(boolean stateful) {
        this.statefulToolParsing = stateful;
        return this;
      }

      /**
       * Sets where argument fragments are.
       *
       * @param path a JSON path, or null
       * @return this builder
       */
      public Builder keyPath(String path) {
        this.keyPath = path;
        return this;
      }

      /**
       * Sets the flush condition.
       *
       * @param expression a match expression, or null
       * @return this builder
       */
      public Builder flushOn(String expression) {
        this.flushOn = expression;
        return this;
      }

      /**
       * Builds the settings.
       *
       * @return the settings
       */
      public AccumulatorSpec build() {
        return new AccumulatorSpec(statefulToolParsing, keyPath, flushOn);
      }
    }
  }
}
