package dev.ailib.protocol.yaml;

import dev.ailib.core.spi.expression.Expression;
import dev.ailib.core.spi.expression.ExpressionException;
import dev.ailib.core.spi.expression.JsonPath;
import dev.ailib.core.spi.manifest.StreamingSpec;
import dev.ailib.core.spi.manifest.StreamingSpec.AccumulatorSpec;
import dev.ailib.core.spi.manifest.StreamingSpec.CandidateSpec;
import dev.ailib.core.spi.manifest.StreamingSpec.DecoderSpec;
import dev.ailib.core.spi.manifest.StreamingSpec.EmitKind;
import dev.ailib.core.spi.manifest.StreamingSpec.EventRule;
import dev.ailib.core.spi.manifest.StreamingSpec.ValueSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps the {@code streaming} section. Every match expression and path is parsed here, at load, so a bad one
 * fails with the manifest location and the expression's column instead of in the middle of a stream. Event
 * rules read both v1 {@code fields} and v2 {@code extract}.
 */
final class StreamingMapper {

  /** Emit names as written in manifests, to the event kinds. */
  static final Map<String, EmitKind> EMITS = Map.ofEntries(
      Map.entry("PartialContentDelta", EmitKind.CONTENT_DELTA),
      Map.entry("ContentDelta", EmitKind.CONTENT_DELTA),
      Map.entry("ThinkingDelta", EmitKind.THINKING_DELTA),
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
    DecoderSpec decoder = decoder(s);
    Expression frameSelector = expression(s.get("frame_selector"));
    List<EventRule> rules = new ArrayList<>();
    for (Node rule : s.get("event_map").elements()) {
      rules.add(rule(rule));
    }
    CandidateSpec candidate = null;
    Node c = s.get("candidate").requireObject();
    if (c.present()) {
      Boolean fanOut = c.get("fan_out").boolValue();
      candidate = new CandidateSpec(path(c.get("candidate_id_path")), fanOut != null && fanOut);
    }
    AccumulatorSpec accumulator = null;
    Node a = s.get("accumulator").requireObject();
    if (a.present()) {
      Boolean stateful = a.get("stateful_tool_parsing").boolValue();
      accumulator = new AccumulatorSpec(stateful != null && stateful, path(a.get("key_path")),
          expression(a.get("flush_on")));
    }
    Node usage = s.get("usage_path").present() ? s.get("usage_path") : s.get("extra_metadata_path");
    return new StreamingSpec(decoder, frameSelector, rules, candidate, accumulator,
        expression(s.get("stop_condition")), path(s.get("content_path")), path(s.get("tool_call_path")),
        path(usage));
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
      return new DecoderSpec(format, null, null, null, null);
    }
    String format = d.requiredText("format").trim();
    return new DecoderSpec(format, d.get("strategy").text(), d.get("prefix").text(), d.get("delimiter").text(),
        d.get("done_signal").scalarText());
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
    Map<String, ValueSource> fields = new LinkedHashMap<>();
    for (String section : new String[] {"fields", "extract"}) {
      for (Map.Entry<String, Node> e : rule.get(section).entries().entrySet()) {
        fields.put(e.getKey(), valueSource(e.getValue()));
      }
    }
    return new EventRule(expression(match), emit, emitName, fields);
  }

  /** A field value: a string starting with {@code $} is a path into the frame, anything else a literal. */
  private ValueSource valueSource(Node v) {
    if (v.isText() && v.text().trim().startsWith("$")) {
      return new ValueSource(path(v), null);
    }
    return new ValueSource(null, SectionMapper.plain(v.json()));
  }

  Expression expression(Node n) {
    return parse(n, Expression::parse);
  }

  JsonPath path(Node n) {
    return parse(n, JsonPath::parse);
  }

  private static <T> T parse(Node n, Function<String, T> parser) {
    String text = n.text();
    if (text == null) {
      return null;
    }
    if (text.isBlank()) {
      throw n.error("must not be empty");
    }
    try {
      return parser.apply(text);
    } catch (ExpressionException e) {
      int start = n.textColumn();
      int column = start > 0 ? start + e.column() - 1 : -1;
      throw n.errorAtColumn(column, e.getMessage());
    }
  }
}
