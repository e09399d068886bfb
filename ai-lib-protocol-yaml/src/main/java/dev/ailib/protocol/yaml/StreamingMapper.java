package dev.ailib.protocol.yaml;

import dev.ailib.core.spi.manifest.ExpressionSyntax;
import dev.ailib.core.spi.manifest.StreamingSpec;
import dev.ailib.core.spi.manifest.StreamingSpec.AccumulatorSpec;
import dev.ailib.core.spi.manifest.StreamingSpec.CandidateSpec;
import dev.ailib.core.spi.manifest.StreamingSpec.DecoderSpec;
import dev.ailib.core.spi.manifest.StreamingSpec.EmitKind;
import dev.ailib.core.spi.manifest.StreamingSpec.EventRule;
import dev.ailib.core.spi.manifest.StreamingSpec.ValueSource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps the {@code streaming} section. The records keep every match expression and path as text (core compiles
 * them); each is checked here, at load, with core's {@link ExpressionSyntax}, so a bad one fails with the file,
 * line and the column inside the expression instead of at the first stream. Checking through the SPI service
 * keeps one grammar (core's parser) without this module reaching into core's internals. Event rules read both v1
 * {@code fields} and v2 {@code extract}.
 */
final class StreamingMapper {
  private final ExpressionSyntax syntax = ExpressionSyntax.standard();

  /** Emit names as written in manifests, to the event kinds. */
  static final Map<String, EmitKind> EMITS = Map.ofEntries(
      Map.entry("PartialContentDelta", EmitKind.CONTENT_DELTA),
      Map.entry("ContentDelta", EmitKind.CONTENT_DELTA),
      Map.entry("ThinkingDelta", EmitKind.THINKING_DELTA),
      Map.entry("ThinkingBlockEnded", EmitKind.THINKING_BLOCK_ENDED),
      Map.entry("ToolCallStarted", EmitKind.TOOL_CALL_STARTED),
      Map.entry("PartialToolCall", EmitKind.PARTIAL_TOOL_CALL),
      Map.entry("ToolCallDelta", EmitKind.PARTIAL_TOOL_CALL),
      Map.entry("ToolCallEnded", EmitKind.TOOL_CALL_ENDED),
      Map.entry("Metadata", EmitKind.METADATA),
      Map.entry("UsageReport", EmitKind.METADATA),
      Map.entry("FinalCandidate", EmitKind.FINAL_CANDIDATE),
      Map.entry("StreamEnd", EmitKind.STREAM_END),
      Map.entry("StreamError", EmitKind.STREAM_ERROR));

  /** v1 {@code event_format} values that name an SSE stream, for manifests that omit {@code decoder}. */
  private static final Map<String, String> EVENT_FORMATS = Map.of("sse", "sse", "data_lines", "sse",
      "sse_data_lines", "sse", "anthropic_sse", "anthropic_sse", "gemini_sse", "gemini_sse");

  /**
   * Maps the section.
   *
   * @param s the {@code streaming} node
   * @return the spec, or null when the manifest declares no streaming
   */
  StreamingSpec map(Node s) {
    if (!s.present()) {
      return null;
    }
    s.requireObject();
    StreamingSpec.Builder spec = StreamingSpec.builder().decoder(decoder(s))
        .frameSelector(expression(s.get("frame_selector")));
    for (Node rule : s.get("event_map").elements()) {
      spec.addEventRule(rule(rule));
    }
    Node c = s.get("candidate").requireObject();
    if (c.present()) {
      Boolean fanOut = c.get("fan_out").boolValue();
      spec.candidate(CandidateSpec.builder().candidateIdPath(path(c.get("candidate_id_path")))
          .fanOut(fanOut != null && fanOut).build());
    }
    Node a = s.get("accumulator").requireObject();
    if (a.present()) {
      Boolean stateful = a.get("stateful_tool_parsing").boolValue();
      spec.accumulator(AccumulatorSpec.builder().statefulToolParsing(stateful != null && stateful)
          .keyPath(path(a.get("key_path"))).flushOn(expression(a.get("flush_on"))).build());
    }
    Node usage = s.get("usage_path").present() ? s.get("usage_path") : s.get("extra_metadata_path");
    return spec.stopCondition(expression(s.get("stop_condition"))).contentPath(path(s.get("content_path")))
        .toolCallPath(path(s.get("tool_call_path"))).usagePath(path(usage))
        .includeUsage(s.get("include_usage").boolValue()).build();
  }

  private DecoderSpec decoder(Node s) {
    Node d = s.get("decoder").requireObject();
    if (!d.present()) {
      String eventFormat = s.get("event_format").text();
      String format = eventFormat == null ? null : EVENT_FORMATS.get(eventFormat.toLowerCase(Locale.ROOT));
      if (format == null) {
        throw d.error("missing required field 'decoder' (how the stream is split into frames)"
            + (eventFormat == null ? "" : "; event_format '" + eventFormat + "' does not name a known decoder"));
      }
      return DecoderSpec.builder().format(format).build();
    }
    return DecoderSpec.builder().format(d.requiredText("format").trim()).strategy(d.get("strategy").text())
        .prefix(d.get("prefix").text()).delimiter(d.get("delimiter").text())
        .doneSignal(d.get("done_signal").scalarText()).build();
  }

  private EventRule rule(Node rule) {
    if (!rule.isObject()) {
      throw rule.wrongType("an event rule mapping (match, emit, fields/extract)");
    }
    Node match = rule.get("match");
    if (!match.present()) {
      throw match.error("missing required field 'match'");
    }
    Node emitNode = rule.get("emit");
    String emitName = rule.requiredText("emit").trim();
    EmitKind emit = EMITS.get(emitName);
    if (emit == null) {
      throw emitNode.error("unknown emit '" + emitName + "'; expected one of " + String.join(", ",
          new java.util.TreeSet<>(EMITS.keySet())));
    }
    EventRule.Builder out = EventRule.builder().match(expression(match)).emit(emit).emitName(emitName);
    for (String section : new String[] {"fields", "extract"}) {
      for (Map.Entry<String, Node> e : rule.get(section).entries().entrySet()) {
        out.field(e.getKey(), valueSource(e.getValue()));
      }
    }
    return out.build();
  }

  /** A field value: a string starting with {@code $} is a path into the frame, anything else a literal. */
  private ValueSource valueSource(Node v) {
    if (v.isText() && v.text().trim().startsWith("$")) {
      return ValueSource.ofPath(path(v));
    }
    return ValueSource.ofLiteral(SectionMapper.plain(v.json()));
  }

  /** A match expression's text, checked; null when absent. */
  String expression(Node n) {
    return checked(n, syntax::checkExpression);
  }

  /** A JSON path's text, checked; null when absent. */
  String path(Node n) {
    return checked(n, syntax::checkPath);
  }

  private static String checked(Node n, Function<String, Optional<ExpressionSyntax.SyntaxError>> check) {
    String text = n.text();
    if (text == null) {
      return null;
    }
    if (text.isBlank()) {
      throw n.error("must not be empty");
    }
    Optional<ExpressionSyntax.SyntaxError> problem = check.apply(text);
    if (problem.isPresent()) {
      // the error's column counts from the start of the expression; the file column from the start of the line
      int start = n.textColumn();
      int column = start > 0 ? start + problem.get().column() - 1 : -1;
      throw n.errorAtColumn(column, problem.get().message());
    }
    return text;
  }
}
