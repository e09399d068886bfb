package dev.ailib.core.internal.tooltext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses tool calls that a model without native tool calling wrote into its text, following the AI-Protocol
 * text-tool-call format ({@code docs/spec/text-tool-call/format.yaml}).
 *
 * <p>Strict (L1): only the canonical block {@code <tool_call>{"name": ..., "arguments": {...}}</tool_call>}.
 * Lenient adds: the name as an attribute ({@code <tool_call name="shell">{args}</tool_call>}); the argument aliases
 * {@code parameters}, {@code params}, {@code args}; the {@code <tool_calls>} wrapper and the {@code id} /
 * {@code index} attributes, which are ignored; and the known dialects: {@code <shell><command>..</command></shell>}
 * and {@code <bash>..</bash>} (tool {@code shell}), {@code <function name="x">{args}</function>}, and DeepSeek's DSML
 * ({@code <｜｜DSML｜｜invoke name="x"><｜｜DSML｜｜parameter name="k" string="true">v</｜｜DSML｜｜parameter>}).
 *
 * <p>Unrecognised markup stays plain text and is never executed; a block whose JSON is malformed is skipped (left in
 * the text) and parsing goes on. Calls are not nested. The remaining text is the input without the recognised markup,
 * trimmed. Thread-safe and immutable; calls get ids {@code text_call_1}, {@code text_call_2}, ... in order.
 */
public final class TextToolCallParser {
  private static final ObjectMapper JSON = dev.ailib.core.internal.json.CoreJson.MAPPER;
  private static final List<String> ARGUMENT_ALIASES = List.of("arguments", "parameters", "params", "args");

  /** DSML tags: {@code <｜｜DSML｜｜invoke ...>}, with full-width or ASCII bars. */
  private static final Pattern DSML_TAG = Pattern.compile("<(/?)\\s*[｜|]+\\s*DSML\\s*[｜|]+\\s*");
  private static final Pattern STRICT_CALL = Pattern.compile("<tool_call>(.*?)</tool_call\\s*>", Pattern.DOTALL);
  private static final Pattern LENIENT_CALL = Pattern.compile(
      "<(tool_call|function|shell|bash|dsml:invoke)\\b([^>]*)>(.*?)</\\1\\s*>", Pattern.DOTALL);
  private static final Pattern WRAPPER = Pattern.compile("</?(?:tool_calls|dsml:tool_calls)\\b[^>]*>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z_][\\w-]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
  private static final Pattern CHILD = Pattern.compile("<([A-Za-z_][\\w:-]*)\\b([^>]*)>(.*?)</\\1\\s*>",
      Pattern.DOTALL);

  private static final TextToolCallParser STRICT = new TextToolCallParser(false);
  private static final TextToolCallParser LENIENT = new TextToolCallParser(true);

  private final boolean lenient;

  private TextToolCallParser(boolean lenient) {
    this.lenient = lenient;
  }

  /** The strict (L1) parser: canonical blocks only. */
  public static TextToolCallParser strict() {
    return STRICT;
  }

  /** The lenient parser: aliases, wrappers and known dialects. */
  public static TextToolCallParser lenient() {
    return LENIENT;
  }

  /**
   * The parser for a setting.
   *
   * @param lenient whether to accept aliases, wrappers and dialects
   * @return the parser
   */
  public static TextToolCallParser of(boolean lenient) {
    return lenient ? LENIENT : STRICT;
  }

  /** Whether this parser is lenient. */
  public boolean isLenient() {
    return lenient;
  }

  /**
   * Parses a text.
   *
   * @param text the model's text, may be null
   * @return the calls and the remaining text
   */
  public TextToolCalls parse(String text) {
    if (text == null || text.isEmpty()) {
      return new TextToolCalls("", List.of());
    }
    String work = text;
    if (lenient) {
      work = DSML_TAG.matcher(work).replaceAll("<$1dsml:");
    }
    Matcher m = (lenient ? LENIENT_CALL : STRICT_CALL).matcher(work);
    List<ToolCall> calls = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    int last = 0;
    while (m.find()) {
      ToolCall call = lenient ? lenientCall(m.group(1), attributes(m.group(2)), m.group(3), calls.size() + 1)
          : strictCall(m.group(1), calls.size() + 1);
      if (call == null) {
        continue; // malformed or unrecognised: stays text
      }
      rest.append(work, last, m.start());
      last = m.end();
      calls.add(call);
    }
    rest.append(work, last, work.length());
    String remaining = rest.toString();
    if (lenient && !calls.isEmpty()) {
      remaining = WRAPPER.matcher(remaining).replaceAll("");
    }
    return new TextToolCalls(calls.isEmpty() ? text.strip() : remaining.strip(), calls);
  }

  /**
   * The hybrid path: native tool calls when the response has any (the text is then left as it is, markup
   * included), else the calls this parser finds in the text.
   *
   * @param content the response's text content, may be null
   * @param nativeCalls the tool calls the provider returned natively, may be empty
   * @return the calls and the remaining text
   */
  public TextToolCalls parseHybrid(String content, List<ToolCall> nativeCalls) {
    if (nativeCalls != null && !nativeCalls.isEmpty()) {
      return new TextToolCalls(content == null ? "" : content, nativeCalls);
    }
    return parse(content);
  }

  private static ToolCall strictCall(String body, int n) {
    JsonNode json = json(body.strip());
    if (json == null || !json.isObject() || !json.path("name").isTextual() || !json.path("arguments").isObject()) {
      return null;
    }
    return new ToolCall(id(n), json.get("name").asText(), json.get("arguments").toString());
  }

  private static ToolCall lenientCall(String tag, Map<String, String> attributes, String body, int n) {
    switch (tag) {
      case "tool_call":
      case "function": {
        JsonNode json = json(body.strip());
        if (json != null && json.isObject()) {
          String name = json.path("name").isTextual() ? json.get("name").asText() : attributes.get("name");
          if (name == null || name.isBlank()) {
            return null;
          }
          JsonNode args = json.path("name").isTextual() ? argumentsOf((ObjectNode) json) : json;
          return args == null ? null : new ToolCall(id(n), name, args.toString());
        }
        String name = attributes.get("name");
        if (name == null || json != null) {
          return null;
        }
        ObjectNode args = children(body);
        return args == null ? null : new ToolCall(id(n), name, args.toString());
      }
      case "shell": {
        ObjectNode args = children(body);
        if (args == null || args.isEmpty()) {
          args = JSON.createObjectNode().put("command", body.strip());
        }
        return new ToolCall(id(n), "shell", args.toString());
      }
      case "bash":
        return new ToolCall(id(n), "shell", JSON.createObjectNode().put("command", body.strip()).toString());
      case "dsml:invoke": {
        String name = attributes.get("name");
        if (name == null || name.isBlank()) {
          return null;
        }
        ObjectNode args = JSON.createObjectNode();
        Matcher p = CHILD.matcher(body);
        while (p.find()) {
          if (!p.group(1).equals("dsml:parameter")) {
            continue;
          }
          Map<String, String> pa = attributes(p.group(2));
          String key = pa.get("name");
          if (key == null) {
            return null;
          }
          String value = p.group(3);
          JsonNode typed = "false".equalsIgnoreCase(pa.get("string")) ? json(value.strip()) : null;
          if (typed != null) {
            args.set(key, typed);
          } else {
            args.put(key, value.strip());
          }
        }
        return new ToolCall(id(n), name, args.toString());
      }
      default:
        return null;
    }
  }

  /** The arguments under {@code arguments} or an alias; a JSON string holding an object is read. */
  private static JsonNode argumentsOf(ObjectNode call) {
    for (String alias : ARGUMENT_ALIASES) {
      JsonNode a = call.get(alias);
      if (a == null) {
        continue;
      }
      if (a.isObject()) {
        return a;
      }
      if (a.isTextual()) {
        JsonNode parsed = json(a.asText());
        return parsed != null && parsed.isObject() ? parsed : null;
      }
      return null;
    }
    return JSON.createObjectNode();
  }

  /** Child elements {@code <k>v</k>} as string arguments, or null when the body has text outside elements. */
  private static ObjectNode children(String body) {
    ObjectNode args = JSON.createObjectNode();
    Matcher c = CHILD.matcher(body);
    int last = 0;
    while (c.find()) {
      if (!body.substring(last, c.start()).isBlank()) {
        return null;
      }
      args.put(c.group(1), c.group(3).strip());
      last = c.end();
    }
    return body.substring(last).isBlank() ? args : null;
  }

  private static Map<String, String> attributes(String raw) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    Matcher a = ATTRIBUTE.matcher(raw);
    while (a.find()) {
      out.put(a.group(1), a.group(2) != null ? a.group(2) : a.group(3));
    }
    return out;
  }

  private static JsonNode json(String s) {
    if (s.isEmpty() || (s.charAt(0) != '{' && s.charAt(0) != '[' && s.charAt(0) != '"'
        && !Character.isDigit(s.charAt(0)) && s.charAt(0) != '-' && !s.equals("true") && !s.equals("false")
        && !s.equals("null"))) {
      return null;
    }
    try {
      return JSON.readTree(s);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String id(int n) {
    return "text_call_" + n;
  }
}
