package dev.ailib.core.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.SourceLocation;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.expression.Expression;
import dev.ailib.core.internal.expression.ExpressionException;
import dev.ailib.core.internal.expression.JsonPath;
import dev.ailib.core.internal.response.Origin;
import dev.ailib.core.spi.manifest.ErrorClassificationSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.StreamingSpec;
import dev.ailib.core.spi.manifest.StreamingSpec.EmitKind;
import dev.ailib.core.spi.manifest.TerminationSpec;
import dev.ailib.core.spi.manifest.WireStyle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A manifest's streaming section prepared once: decoder settings, the event-map rules (plus the built-in rules of
 * the decoder strategy the manifest names, see {@code strategies.json}), candidate fan-out, the tool-call
 * accumulator settings, the termination mapping and the error classification. The manifest carries its match
 * expressions and paths as text; they are compiled here, and a text that does not parse fails the pipeline with a
 * {@link ProtocolException} naming the manifest source and field (protocol-yaml has already rejected it at load
 * with file, line and column; other protocol sources may not have). Immutable and thread-safe; make one per
 * manifest and one {@link StreamSession} per stream.
 *
 * <pre>{@code
 * StreamPipeline pipeline = StreamPipeline.create(manifest.streaming(), manifest.errors(), manifest.termination());
 * try (EventIterator events = pipeline.newSession().iterate(response.body())) {
 *   while (events.hasNext()) {
 *     StreamingEvent e = events.next();   // ..., exactly one StreamEnd or StreamError last
 *   }
 * }
 * }</pre>
 */
public final class StreamPipeline {
  private static final System.Logger LOG = System.getLogger(StreamPipeline.class.getName());
  private static final JsonNode BUILT_IN = loadBuiltIn();
  private static final Map<String, List<StreamingSpec.EventRule>[]> STRATEGIES = loadStrategies(BUILT_IN);

  final StreamingSpec spec;
  final ErrorClassificationSpec errors;
  final TerminationSpec termination;
  final DecoderLimits limits;
  final CompiledRule[] rules;
  final String candidatePrefix;
  final JsonPath candidateIdPath;
  final boolean candidateFanOut;
  final boolean emitToolCallEnded;
  final Expression frameSelector;
  final Expression stopCondition;
  final Expression flushOn;
  final String source;
  /** What of each frame the rules can read; the rest is not built. */
  final FrameShape shape;
  final WireStyle wireStyle;
  /** A content part whose object has this field true is thinking (Gemini's {@code thought}), or null. */
  final String thoughtFlag;
  /** Whether the manifest has its own thinking rule (then flagged content is dropped, not converted). */
  final boolean manifestMapsThinking;
  /** Whether the format carries tool-call ids; when not, every call gets a generated id as it starts. */
  final boolean callIdsOnWire;
  /** Where the wire style puts a tool call's signature (Gemini's {@code thoughtSignature}), or null. */
  final CompiledRule.CallSignature callSignature;
  /** Whether a rule ends signed thinking blocks (then sessions keep the thinking since the last one). */
  final boolean endsThinkingBlocks;

  private StreamPipeline(StreamingSpec spec, ErrorClassificationSpec errors, TerminationSpec termination,
      DecoderLimits limits, String source, WireStyle wireStyle) {
    this.spec = Objects.requireNonNull(spec, "streaming spec");
    this.wireStyle = wireStyle;
    JsonNode style = wireStyle == null ? null : BUILT_IN.path("wire_styles").get(wireStyle.name());
    this.thoughtFlag = style == null || !style.hasNonNull("thought_flag") ? null : style.get("thought_flag").asText();
    this.callIdsOnWire = style == null || style.path("call_ids").asBoolean(true);
    JsonNode signature = style == null ? null : style.get("call_signature");
    this.callSignature = signature == null || !signature.isObject() ? null
        : new CompiledRule.CallSignature(signature.path("beside").asText(), signature.path("field").asText());
    boolean thinking = false;
    for (StreamingSpec.EventRule r : spec.eventMap()) {
      thinking |= r.emit() == EmitKind.THINKING_DELTA;
    }
    this.manifestMapsThinking = thinking;
    this.errors = errors == null ? ErrorClassificationSpec.NONE : errors;
    this.termination = termination == null ? TerminationSpec.NONE : termination;
    this.limits = Objects.requireNonNull(limits, "limits");
    this.source = source;
    checkTexts(spec, source);
    FrameDecoder.create(spec.decoder(), limits); // fail now on an unknown format
    String prefix = null;
    JsonPath idPath = null;
    if (spec.candidate() != null && spec.candidate().candidateIdPath() != null) {
      String text = CompiledRule.normalize(spec.candidate().candidateIdPath());
      int star = text.indexOf("[*]");
      if (star > 0) {
        prefix = text.substring(0, star);
        String rest = text.substring(star + 3);
        idPath = rest.isEmpty() ? null : JsonPath.parse("$" + rest);
        checkFieldChain(prefix);
      }
    }
    this.candidatePrefix = prefix;
    this.candidateIdPath = idPath;
    this.candidateFanOut = spec.candidate() == null || spec.candidate().fanOut();
    this.emitToolCallEnded = spec.accumulator() == null || spec.accumulator().statefulToolParsing();
    this.frameSelector = spec.frameSelector() == null ? null : Expression.parse(spec.frameSelector());
    this.stopCondition = spec.stopCondition() == null ? null : Expression.parse(spec.stopCondition());
    this.flushOn = spec.accumulator() == null || spec.accumulator().flushOn() == null ? null
        : Expression.parse(spec.accumulator().flushOn());
    List<CompiledRule> compiled = new ArrayList<>();
    Set<StreamingSpec.EventRule> fallbacks = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (StreamingSpec.EventRule r : allRules(spec, this.termination, wireStyle, fallbacks)) {
      compiled.add(CompiledRule.compile(r, prefix, thoughtFlag, fallbacks.contains(r), callSignature));
    }
    this.rules = compiled.toArray(new CompiledRule[0]);
    boolean ends = false;
    for (CompiledRule r : rules) {
      ends |= r.kind == EmitKind.THINKING_BLOCK_ENDED;
    }
    this.endsThinkingBlocks = ends;
    this.shape = FrameShape.of(reads());
  }

  /** Every path the pipeline reads of a frame (error frames are classified on the whole payload). */
  List<JsonPath> reads() {
    List<JsonPath> reads = new ArrayList<>();
    for (CompiledRule r : rules) {
      reads.addAll(r.reads);
    }
    for (Expression e : new Expression[] {frameSelector, stopCondition, flushOn}) {
      if (e != null) {
        reads.addAll(e.paths());
      }
    }
    if (spec.candidate() != null && spec.candidate().candidateIdPath() != null) {
      reads.add(JsonPath.parse(CompiledRule.normalize(spec.candidate().candidateIdPath())));
    }
    if (spec.accumulator() != null && spec.accumulator().keyPath() != null) {
      reads.add(JsonPath.parse(spec.accumulator().keyPath()));
    }
    return reads;
  }

  /**
   * Prepares a manifest's streaming section with the default decoder limits.
   *
   * @param spec the streaming section
   * @param errors the manifest's error classification, or null for the standard one
   * @param termination the manifest's finish-reason mapping, or null for the standard one
   * @return the pipeline
   * @throws ProtocolException when the decoder format is unknown or the candidate path is not a field chain
   */
  public static StreamPipeline create(StreamingSpec spec, ErrorClassificationSpec errors,
      TerminationSpec termination) {
    return new StreamPipeline(spec, errors, termination, DecoderLimits.DEFAULT, null, null);
  }

  /**
   * Prepares a manifest's stream with the default decoder limits; errors name the manifest's source. The
   * manifest's streaming section is completed by its wire style's built-in rules; a manifest without a streaming
   * section gets its wire style's default stream ({@link #defaultStreaming(WireStyle)}).
   *
   * @param manifest the manifest
   * @return the pipeline
   * @throws ProtocolException when an expression or path does not parse, the decoder format is unknown, the
   *     candidate path is not a field chain, or the manifest has no streaming section and its wire style no default
   */
  public static StreamPipeline create(ProviderManifest manifest) {
    StreamingSpec spec = manifest.streaming() != null ? manifest.streaming()
        : defaultStreaming(manifest.wireStyle()).orElseThrow(() -> new ProtocolException(
            "provider '" + manifest.id() + "' has no streaming section in its manifest (" + manifest.source()
                + ") and its wire style " + manifest.wireStyle() + " has no default stream; use execute()"));
    return new StreamPipeline(spec, manifest.errors(), manifest.termination(), DecoderLimits.DEFAULT,
        manifest.source(), manifest.wireStyle());
  }

  /**
   * The stream a wire style has when a manifest declares none: its decoder and stop condition; the rules come from
   * the style's built-in rule set when the pipeline is built.
   *
   * @param style the wire style
   * @return the default streaming section, empty for a style without one
   */
  public static java.util.Optional<StreamingSpec> defaultStreaming(WireStyle style) {
    JsonNode s = style == null ? null : BUILT_IN.path("wire_styles").get(style.name());
    if (s == null) {
      return java.util.Optional.empty();
    }
    JsonNode d = s.path("decoder");
    StreamingSpec.DecoderSpec decoder = StreamingSpec.DecoderSpec.builder().format(d.path("format").asText())
        .prefix(textOrNull(d, "prefix")).doneSignal(textOrNull(d, "done_signal")).build();
    return java.util.Optional.of(StreamingSpec.builder().decoder(decoder).stopCondition(textOrNull(s, "stop_condition"))
        .build());
  }

  private static String textOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A new session for one stream, of unknown origin; generated tool-call ids come from
   * {@link dev.ailib.core.internal.response.ToolCallIds}. */
  public StreamSession newSession() {
    return newSession(Origin.UNKNOWN);
  }

  /**
   * A new session for one stream; generated tool-call ids come from {@link dev.ailib.core.internal.response.ToolCallIds}.
   *
   * @param origin who answers (named in error messages) and the call's secrets (masked in every error)
   * @return the session
   */
  public StreamSession newSession(Origin origin) {
    return new StreamSession(this, dev.ailib.core.internal.response.ToolCallIds::newId,
        Objects.requireNonNull(origin, "origin"));
  }

  /**
   * A new session for one stream with its own tool-call ids (tests make them predictable).
   *
   * @param idGenerator makes tool-call ids where the manifest asks for generated ones ({@code _generate_uuid})
   * @return the session
   */
  StreamSession newSession(Supplier<String> idGenerator) {
    return new StreamSession(this, Objects.requireNonNull(idGenerator, "idGenerator"), Origin.UNKNOWN);
  }

  /** A new decoder of this pipeline's format for one stream, reading payloads with {@code reader}. */
  FrameDecoder newDecoder(FrameReader reader) {
    return Decoders.create(spec.decoder(), limits, reader);
  }

  /** A new payload reader for one stream: builds only what the rules read. */
  ProjectingFrameReader newReader() {
    return new ProjectingFrameReader(shape);
  }

  /** The streaming section. */
  StreamingSpec spec() {
    return spec;
  }

  /**
   * Parses every expression and path the manifest wrote, so that a bad one fails naming its field (compiling
   * the rules below parses them again; this runs once per manifest).
   */
  private static void checkTexts(StreamingSpec spec, String source) {
    checkExpression(spec.frameSelector(), "streaming.frame_selector", source);
    for (int i = 0; i < spec.eventMap().size(); i++) {
      StreamingSpec.EventRule r = spec.eventMap().get(i);
      String at = "streaming.event_map[" + i + "]";
      checkExpression(r.match(), at + ".match", source);
      for (Map.Entry<String, StreamingSpec.ValueSource> f : r.fields().entrySet()) {
        if (f.getValue() != null) {
          checkPath(f.getValue().path(), at + ".fields." + f.getKey(), source);
        }
      }
    }
    if (spec.candidate() != null) {
      checkPath(spec.candidate().candidateIdPath(), "streaming.candidate.candidate_id_path", source);
    }
    if (spec.accumulator() != null) {
      checkPath(spec.accumulator().keyPath(), "streaming.accumulator.key_path", source);
      checkExpression(spec.accumulator().flushOn(), "streaming.accumulator.flush_on", source);
    }
    checkExpression(spec.stopCondition(), "streaming.stop_condition", source);
    checkPath(spec.contentPath(), "streaming.content_path", source);
    checkPath(spec.toolCallPath(), "streaming.tool_call_path", source);
    checkPath(spec.usagePath(), "streaming.usage_path", source);
  }

  private static void checkExpression(String text, String field, String source) {
    if (text != null) {
      try {
        Expression.parse(text);
      } catch (ExpressionException e) {
        throw badText(e, field, source);
      }
    }
  }

  private static void checkPath(String text, String field, String source) {
    if (text != null) {
      try {
        JsonPath.parse(text);
      } catch (ExpressionException e) {
        throw badText(e, field, source);
      }
    }
  }

  private static ProtocolException badText(ExpressionException e, String field, String source) {
    return new ProtocolException(StandardErrorCode.INVALID_REQUEST, e.getMessage(),
        new SourceLocation(source, -1, -1, field), e);
  }

  private static void checkFieldChain(String prefix) {
    String body = prefix.startsWith("$.") ? prefix.substring(2) : prefix.substring(1);
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
        throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "streaming.candidate.candidate_id_path: the "
            + "part before [*] must be a chain of field names, but is '" + prefix + "'", null, null);
      }
    }
  }

  /** The path of field names to the candidate array, such as [choices]. */
  List<String> candidateFields() {
    List<String> out = new ArrayList<>();
    String body = candidatePrefix.startsWith("$.") ? candidatePrefix.substring(2) : candidatePrefix.substring(1);
    int from = 0;
    while (from <= body.length()) {
      int dot = body.indexOf('.', from);
      int end = dot < 0 ? body.length() : dot;
      if (end > from) {
        out.add(body.substring(from, end));
      }
      if (dot < 0) {
        break;
      }
      from = dot + 1;
    }
    return out;
  }

  /**
   * The manifest's rules, then the built-in rules of its decoder strategy (when that names a rule set) or else of
   * its wire style. Built-in rules complete the manifest's: each (but the usage and error rules, which always run)
   * is a fallback, applied to a frame only when no manifest rule of its kind produced anything from that frame
   * (no text, no tool name or arguments, no finish reason), so a kind the manifest does not map is mapped, and a
   * manifest rule whose path misses the frame's shape does not lose what the wire style knows is there.
   */
  private static List<StreamingSpec.EventRule> allRules(StreamingSpec spec, TerminationSpec termination,
      WireStyle style, Set<StreamingSpec.EventRule> fallbacks) {
    List<StreamingSpec.EventRule> manifest = new ArrayList<>(spec.eventMap());
    manifest.addAll(pathFallbacks(spec, termination));
    Set<EmitKind> declared = EnumSet.noneOf(EmitKind.class);
    for (StreamingSpec.EventRule r : manifest) {
      declared.add(kindFamily(r.emit()));
    }
    List<StreamingSpec.EventRule> first = new ArrayList<>();
    List<StreamingSpec.EventRule> last = new ArrayList<>();
    String strategy = spec.decoder().strategy();
    List<StreamingSpec.EventRule>[] builtIn = strategy == null ? null
        : STRATEGIES.get(strategy.trim().toLowerCase(Locale.ROOT));
    if (builtIn == null && style != null) {
      JsonNode s = BUILT_IN.path("wire_styles").get(style.name());
      builtIn = s == null ? null : STRATEGIES.get(s.path("rules").asText());
    }
    if (builtIn != null) {
      for (int pos = 0; pos < 2; pos++) {
        for (StreamingSpec.EventRule r : builtIn[pos]) {
          if (r.emit() == EmitKind.STREAM_ERROR && declared.contains(EmitKind.STREAM_ERROR)) {
            continue; // the manifest says what its errors look like
          }
          if (r.emit() != EmitKind.METADATA && r.emit() != EmitKind.STREAM_ERROR) {
            fallbacks.add(r);
          }
          (pos == 0 ? first : last).add(r);
        }
      }
    }
    boolean hasError = declared.contains(EmitKind.STREAM_ERROR);
    for (StreamingSpec.EventRule r : first) {
      hasError |= r.emit() == EmitKind.STREAM_ERROR;
    }
    if (!hasError) {
      // frames carrying an error object are errors whatever the manifest forgot to say
      first.add(0, StreamingSpec.EventRule.builder().match("exists($.error) || $.type == 'error'")
          .emit(EmitKind.STREAM_ERROR).emitName("StreamError").field("error", StreamingSpec.ValueSource.ofPath("$.error"))
          .build());
    }
    List<StreamingSpec.EventRule> all = new ArrayList<>(first);
    all.addAll(manifest);
    all.addAll(last);
    boolean content = false;
    for (StreamingSpec.EventRule r : all) {
      content |= r.emit() == EmitKind.CONTENT_DELTA;
    }
    if (!content) {
      LOG.log(System.Logger.Level.WARNING, "streaming section (decoder " + spec.decoder().format()
          + (strategy == null ? "" : ", strategy " + strategy) + ") maps no content: no event_map content rule, "
          + "no content_path and no built-in strategy rules; streams will carry no text");
    }
    return all;
  }

  /**
   * Rules for the v1 {@code content_path}, {@code tool_call_path} and {@code usage_path} keys when the event map
   * does not cover them, and a finish-reason rule from the termination's {@code source_field} (read beside the
   * content path's candidate element) when no rule ends the stream.
   */
  private static List<StreamingSpec.EventRule> pathFallbacks(StreamingSpec spec, TerminationSpec termination) {
    Set<EmitKind> declared = EnumSet.noneOf(EmitKind.class);
    for (StreamingSpec.EventRule r : spec.eventMap()) {
      declared.add(r.emit());
    }
    List<StreamingSpec.EventRule> out = new ArrayList<>();
    if (spec.contentPath() != null && !declared.contains(EmitKind.CONTENT_DELTA)) {
      out.add(fallback(spec.contentPath(), EmitKind.CONTENT_DELTA, "content"));
    }
    if (spec.toolCallPath() != null && !declared.contains(EmitKind.PARTIAL_TOOL_CALL)) {
      out.add(fallback(spec.toolCallPath(), EmitKind.PARTIAL_TOOL_CALL, "tool_calls"));
    }
    if (spec.usagePath() != null) {
      out.add(fallback(spec.usagePath(), EmitKind.METADATA, "usage"));
    }
    if (termination.sourceField() != null && !declared.contains(EmitKind.STREAM_END)
        && !declared.contains(EmitKind.FINAL_CANDIDATE) && spec.contentPath() != null) {
      String content = CompiledRule.normalize(spec.contentPath());
      int element = content.lastIndexOf(']');
      String base = element < 0 ? "$" : content.substring(0, element + 1);
      String field = termination.sourceField().trim();
      String reason = field.startsWith("$") ? field : base + "." + field;
      try {
        JsonPath.parse(reason);
      } catch (ExpressionException e) {
        throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "termination.source_field '" + field
            + "' must be a field name of the candidate element (such as finish_reason) or a path starting with $: "
            + e.getMessage(), null, e);
      }
      out.add(fallback(reason, EmitKind.STREAM_END, "finish_reason"));
    }
    return out;
  }

  /** Rules that end a candidate count as one kind: a manifest's StreamEnd rule makes a built-in FinalCandidate moot. */
  static EmitKind kindFamily(EmitKind kind) {
    return kind == EmitKind.STREAM_END ? EmitKind.FINAL_CANDIDATE : kind;
  }

  private static StreamingSpec.EventRule fallback(String path, EmitKind kind, String field) {
    return StreamingSpec.EventRule.builder().match("exists(" + path.trim() + ")").emit(kind).emitName(kind.name())
        .field(field, StreamingSpec.ValueSource.ofPath(path)).build();
  }

  private static JsonNode loadBuiltIn() {
    try (InputStream in = StreamPipeline.class.getResourceAsStream("strategies.json")) {
      if (in == null) {
        throw new IllegalStateException("strategies.json is missing from the ai-lib-core jar");
      }
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read strategies.json", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<StreamingSpec.EventRule>[]> loadStrategies(JsonNode root) {
    Map<String, List<StreamingSpec.EventRule>[]> out = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("_") || e.getKey().equals("wire_styles")) {
        continue;
      }
      List<StreamingSpec.EventRule>[] lists = new List[] {new ArrayList<>(), new ArrayList<>()};
      for (JsonNode r : e.getValue()) {
        String emit = r.get("emit").asText();
        EmitKind kind = EmitNames.kind(emit).orElseThrow(() -> new IllegalStateException(
            "strategies.json: unknown emit " + emit));
        Map<String, StreamingSpec.ValueSource> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fi = r.path("fields").fields();
        while (fi.hasNext()) {
          Map.Entry<String, JsonNode> f = fi.next();
          String v = f.getValue().asText();
          fields.put(f.getKey(), v.startsWith("$") ? StreamingSpec.ValueSource.ofPath(v)
              : StreamingSpec.ValueSource.ofLiteral(v));
        }
        boolean first = "first".equals(r.path("position").asText());
        lists[first ? 0 : 1].add(StreamingSpec.EventRule.builder().match(r.get("match").asText()).emit(kind)
            .emitName(emit).fields(fields).build());
      }
      out.put(e.getKey(), lists);
    }
    return Collections.unmodifiableMap(out);
  }
}
