package dev.ailib.core.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.core.internal.expression.Expression;
import dev.ailib.core.internal.expression.JsonPath;
import dev.ailib.core.spi.manifest.StreamingSpec;
import dev.ailib.core.spi.manifest.StreamingSpec.EmitKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An event-map rule prepared for the hot path. When several fields fan out ({@code [*]}), the longest path
 * prefix ending in {@code [*]} that they share becomes the rule's row path: the rule emits once per element of
 * it, and each field is read relative to that element, so values of one element stay together (a tool call's
 * id, name and arguments). Immutable.
 */
final class CompiledRule {
  /** A literal value that asks for a generated tool-call id. */
  static final String GENERATE_ID = "_generate_uuid";

  final Expression match;
  final EmitKind kind;
  final String emitName;
  final boolean candidateScoped;
  final JsonPath rowPath;
  final Field[] fields;
  // the fields by role, looked up once
  final Field content;
  final Field thinking;
  final Field signature;
  final Field redactedThinking;
  final Field reasoningItem;
  final Field reasoningEcho;
  /** Whether this thinking rule reads an OpenAI-style {@code reasoning_content}, which goes back (ReasoningContent). */
  final boolean readsReasoningContent;
  final Field toolCalls;
  final Field toolCall;
  final Field arguments;
  final Field index;
  final Field id;
  final Field name;
  final Field finish;
  final Field usage;
  final Field promptTokens;
  final Field completionTokens;
  final Field totalTokens;
  final Field error;
  final Field candidateIndex;
  /**
   * For a tool-call rule: the call's opaque signature to send back with it (Gemini's {@code thoughtSignature}), read
   * from the rule's {@code signature} field or, for a wire style that declares where its signatures are
   * ({@link CallSignature}), beside the call the rule reads; else null.
   */
  final Field callSignature;
  /**
   * For a content rule of a wire style with a thought flag: the object holding the content text (Gemini's part),
   * read to tell thinking from content; else null.
   */
  final Field contentHolder;
  /** The thought flag's field name, or null. */
  final String thoughtFlag;
  /** A built-in rule that applies to a frame only when no manifest rule of its kind produced from it. */
  final boolean fallback;
  /** The kind, with the two candidate-ending kinds as one. */
  final EmitKind family;
  /**
   * Every path the rule reads: its match expression's, its fields' and the thought flag beside its content (for
   * {@link FrameShape}).
   */
  final List<JsonPath> reads;

  /**
   * Where a wire style puts a tool call's signature: the field {@code field} of the object that holds the call's
   * {@code beside} field (Gemini: {@code thoughtSignature} beside {@code functionCall} in a part). A rule that reads
   * {@code $.candidates[0].content.parts[*].functionCall} (or its {@code .name} / {@code .args}) reads the signature
   * at {@code $.candidates[0].content.parts[*].thoughtSignature}, so manifests need not name it.
   *
   * @param beside the call's field name
   * @param field the signature's field name in the same object
   */
  record CallSignature(String beside, String field) {
  }

  /** One field: read from the row, from the frame, or a literal. */
  static final class Field {
    final String name;
    final JsonPath relative;
    final JsonPath absolute;
    final JsonNode literal;

    Field(String name, JsonPath relative, JsonPath absolute, JsonNode literal) {
      this.name = name;
      this.relative = relative;
      this.absolute = absolute;
      this.literal = literal;
    }

    JsonNode value(JsonNode frame, JsonNode row) {
      if (relative != null) {
        return relative.first(row);
      }
      if (absolute != null) {
        return absolute.first(frame);
      }
      return literal;
    }

    boolean isLiteral() {
      return relative == null && absolute == null;
    }
  }

  private CompiledRule(Expression match, EmitKind kind, String emitName, boolean candidateScoped, JsonPath rowPath,
      Field[] fields, String thoughtFlag, boolean fallback, List<JsonPath> reads, Field callSignature) {
    this.fallback = fallback;
    this.family = StreamPipeline.kindFamily(kind);
    this.match = match;
    this.kind = kind;
    this.emitName = emitName;
    this.candidateScoped = candidateScoped;
    this.rowPath = rowPath;
    this.fields = fields;
    this.content = field("content", "text", "delta");
    this.thinking = field("thinking", "reasoning", "reasoning_content", "content", "text");
    this.signature = field("signature");
    this.redactedThinking = field("redacted_thinking");
    this.reasoningItem = field("reasoning_item");
    this.reasoningEcho = field("reasoning_echo");
    JsonPath thinkingPath = thinking == null ? null : thinking.relative != null ? thinking.relative : thinking.absolute;
    this.readsReasoningContent = thinkingPath != null && thinkingPath.text().endsWith("reasoning_content");
    this.toolCalls = field("tool_calls");
    this.toolCall = field("tool_call", "function_call", "functionCall");
    this.arguments = field("arguments", "partial_json", "args", "input", "arguments_delta");
    this.index = field("index", "tool_index", "tool_call_index");
    this.id = field("tool_call_id", "id", "call_id");
    this.name = field("tool_name", "name", "function_name");
    this.finish = field("finish_reason", "stop_reason", "finishReason", "reason");
    this.usage = field("usage", "usageMetadata", "usage_metadata");
    this.promptTokens = field("prompt_tokens", "input_tokens");
    this.completionTokens = field("completion_tokens", "output_tokens");
    this.totalTokens = field("total_tokens");
    this.error = field("error");
    this.candidateIndex = field("candidate_index", "candidate");
    this.callSignature = callSignature;
    Field holder = null;
    if (thoughtFlag != null && kind == EmitKind.CONTENT_DELTA) {
      Field text = content != null ? content : fields.length == 1 ? fields[0] : null;
      holder = text == null ? null : parentOf(text);
    }
    this.contentHolder = holder;
    this.thoughtFlag = holder == null ? null : thoughtFlag;
    List<JsonPath> all = new ArrayList<>(reads);
    if (holder != null) {
      // the flag is read on the content's holder: $.a.parts[*].thought beside $.a.parts[*].text
      String holderPath = holder.absolute != null ? normalize(holder.absolute.text())
          : normalize(rowPath.text()) + normalize(holder.relative.text()).substring(1);
      all.add(JsonPath.parse(holderPath + "." + thoughtFlag));
    }
    this.reads = List.copyOf(all);
  }

  /** The field reading the object that holds {@code f}'s value ({@code $.a.parts[0]} for {@code $.a.parts[0].text}). */
  private static Field parentOf(Field f) {
    JsonPath path = f.relative != null ? f.relative : f.absolute;
    if (path == null) {
      return null;
    }
    String text = normalize(path.text());
    int dot = text.lastIndexOf('.');
    if (dot < 1 || text.indexOf('[', dot) >= 0 || text.indexOf(']', dot) >= 0) {
      return null; // the value is not a named field of an object
    }
    JsonPath parent = JsonPath.parse(text.substring(0, dot));
    return f.relative != null ? new Field(f.name, parent, null, null) : new Field(f.name, null, parent, null);
  }

  /** Whether the object holding this content rule's text is flagged as thinking. */
  boolean isThought(JsonNode frame, JsonNode row) {
    if (contentHolder == null) {
      return false;
    }
    JsonNode holder = contentHolder.value(frame, row);
    return holder != null && holder.path(thoughtFlag).asBoolean(false);
  }

  /**
   * Compiles a rule's match expression and field paths.
   *
   * @throws dev.ailib.core.internal.expression.ExpressionException when a text does not parse
   */
  static CompiledRule compile(StreamingSpec.EventRule rule, String candidatePrefix) {
    return compile(rule, candidatePrefix, null, false, null);
  }

  /**
   * Compiles a rule's match expression and field paths.
   *
   * @param rule the rule
   * @param candidatePrefix the candidate array's path, or null
   * @param thoughtFlag the wire style's thought flag (content whose holder has it true is thinking), or null
   * @param fallback whether it is a built-in rule that completes the manifest's
   * @param callSignature where the wire style puts a tool call's signature, or null
   * @throws dev.ailib.core.internal.expression.ExpressionException when a text does not parse
   */
  static CompiledRule compile(StreamingSpec.EventRule rule, String candidatePrefix, String thoughtFlag,
      boolean fallback, CallSignature callSignature) {
    Expression match = Expression.parse(rule.match());
    Map<String, JsonPath> paths = new HashMap<>();
    List<String> fanOut = new ArrayList<>();
    for (Map.Entry<String, StreamingSpec.ValueSource> e : rule.fields().entrySet()) {
      StreamingSpec.ValueSource v = e.getValue();
      if (v != null && v.path() != null) {
        JsonPath path = JsonPath.parse(v.path());
        paths.put(e.getKey(), path);
        if (path.fansOut()) {
          fanOut.add(normalize(path.text()));
        }
      }
    }
    String rowPrefix = commonWildcardPrefix(fanOut);
    JsonPath rowPath = rowPrefix == null ? null : JsonPath.parse(rowPrefix);
    List<Field> fields = new ArrayList<>();
    boolean scoped = false;
    for (Map.Entry<String, StreamingSpec.ValueSource> e : rule.fields().entrySet()) {
      StreamingSpec.ValueSource v = e.getValue();
      if (v == null) {
        continue;
      }
      if (v.path() == null) {
        Object lit = v.literal();
        fields.add(new Field(e.getKey(), null, null, lit == null ? null : Json.MAPPER.valueToTree(lit)));
        continue;
      }
      JsonPath path = paths.get(e.getKey());
      String text = normalize(path.text());
      scoped |= refersTo(text, candidatePrefix);
      if (rowPrefix != null && text.startsWith(rowPrefix)) {
        fields.add(new Field(e.getKey(), JsonPath.parse("$" + text.substring(rowPrefix.length())), null, null));
      } else {
        fields.add(new Field(e.getKey(), null, path, null));
      }
    }
    for (JsonPath p : match.paths()) {
      scoped |= refersTo(normalize(p.text()), candidatePrefix);
    }
    List<JsonPath> reads = new ArrayList<>(match.paths());
    reads.addAll(paths.values());
    Field signature = named(fields, "signature", "thought_signature");
    if (signature == null && callSignature != null
        && (rule.emit() == EmitKind.PARTIAL_TOOL_CALL || rule.emit() == EmitKind.TOOL_CALL_STARTED)) {
      String at = besideCall(rule, paths, callSignature);
      if (at != null) {
        JsonPath path = JsonPath.parse(at);
        reads.add(path);
        signature = rowPrefix != null && at.startsWith(rowPrefix)
            ? new Field("signature", JsonPath.parse("$" + at.substring(rowPrefix.length())), null, null)
            : new Field("signature", null, path, null);
      }
    }
    return new CompiledRule(match, rule.emit(), rule.emitName(), scoped, rowPath, fields.toArray(new Field[0]),
        thoughtFlag, fallback, reads, signature);
  }

  private static Field named(List<Field> fields, String... names) {
    for (String n : names) {
      for (Field f : fields) {
        if (f.name.equals(n)) {
          return f;
        }
      }
    }
    return null;
  }

  /**
   * The path of the signature beside the call a tool-call rule reads: the first of its call, arguments and name
   * paths that goes through the call's field ({@code $.c[0].parts[*].functionCall.args}), cut there, with the
   * signature's field instead ({@code $.c[0].parts[*].thoughtSignature}); null when none does.
   */
  private static String besideCall(StreamingSpec.EventRule rule, Map<String, JsonPath> paths, CallSignature where) {
    for (String role : new String[] {"tool_calls", "tool_call", "function_call", "functionCall", "arguments",
        "partial_json", "args", "input", "arguments_delta", "tool_name", "name", "function_name"}) {
      JsonPath p = paths.get(role);
      if (p == null) {
        continue;
      }
      String text = normalize(p.text());
      String segment = "." + where.beside();
      for (int at = text.indexOf(segment); at > 0; at = text.indexOf(segment, at + 1)) {
        int end = at + segment.length();
        if (end == text.length() || text.charAt(end) == '.' || text.charAt(end) == '[') {
          return text.substring(0, at) + "." + where.field();
        }
      }
    }
    return null;
  }

  /** The field with the first of these names, or null. */
  Field field(String... names) {
    for (String n : names) {
      for (Field f : fields) {
        if (f.name.equals(n)) {
          return f;
        }
      }
    }
    return null;
  }

  /** {@code $.a.b}, {@code a.b} and {@code $a} all become {@code $.a.b}-style text. */
  static String normalize(String path) {
    String p = path.trim();
    if (p.startsWith("$")) {
      return p;
    }
    if (p.startsWith("@")) {
      return "$" + p.substring(1);
    }
    return "$." + p;
  }

  /** Whether a normalized path starts with the candidate array's path ({@code $.choices}). */
  static boolean refersTo(String path, String prefix) {
    if (prefix == null || !path.startsWith(prefix)) {
      return false;
    }
    if (path.length() == prefix.length()) {
      return true;
    }
    char next = path.charAt(prefix.length());
    return next == '[' || next == '.';
  }

  private static String commonWildcardPrefix(List<String> paths) {
    if (paths.isEmpty()) {
      return null;
    }
    String first = paths.get(0);
    String best = null;
    int from = 0;
    while (true) {
      int at = first.indexOf("[*]", from);
      if (at < 0) {
        break;
      }
      String candidate = first.substring(0, at + 3);
      boolean all = true;
      for (String p : paths) {
        all &= p.startsWith(candidate);
      }
      if (!all) {
        break;
      }
      best = candidate;
      from = at + 3;
    }
    return best;
  }
}
