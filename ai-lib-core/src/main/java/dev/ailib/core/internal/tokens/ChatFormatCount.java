package dev.ailib.core.internal.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.Message;
import dev.ailib.api.ToolDefinition;
import dev.ailib.core.internal.json.CoreJson;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Counts a request the way OpenAI's chat format spends tokens, as OpenAI documents it (the cookbook "How to count
 * tokens with tiktoken", whose counts it checked against the API):
 * <ul>
 *   <li>each message: 3 tokens, plus the tokens of each of its values (the role, the content, a tool call id);</li>
 *   <li>3 tokens priming the reply ({@code <|start|>assistant<|message|>});</li>
 *   <li>tools: per function 7 tokens on o200k_base models (10 on cl100k_base ones) plus the tokens of
 *       {@code name:description} (a final period dropped); when it has properties 3 more, and per property 3 plus the
 *       tokens of {@code name:type:description}, an enum adding -3 once and 3 plus the value's tokens per value;
 *       12 tokens after the functions.</li>
 * </ul>
 * What the cookbook does not cover is approximated and listed in {@link Result#approximated()}: tool calls in the
 * conversation (their name and arguments counted as text), nested tool parameters, a response format's schema.
 * Images, audio and documents are not counted ({@link Result#uncounted()}). The token function is the encoding's
 * count, or for an upper bound the UTF-8 length (a byte-level BPE token is at least one byte), so the same walk gives
 * both.
 */
final class ChatFormatCount {
  private static final int PER_MESSAGE = 3;
  private static final int REPLY_PRIMING = 3;
  private static final int PROPERTIES_START = 3;
  private static final int PER_PROPERTY = 3;
  private static final int ENUM_START = -3;
  private static final int PER_ENUM_VALUE = 3;
  private static final int FUNCTIONS_END = 12;
  /** The larger of the two function overheads (cl100k_base's), for {@link #upperBound}. */
  static final int CL100K_FUNCTION_START = 10;

  /**
   * The count.
   *
   * @param tokens input tokens
   * @param uncounted the kinds of content that were not counted (images, audio, documents)
   * @param approximated what was counted by approximation
   */
  record Result(long tokens, Set<String> uncounted, Set<String> approximated) {
  }

  private ChatFormatCount() {
  }

  /**
   * Counts a request.
   *
   * @param r the request
   * @param count tokens of a text
   * @param functionStart tokens per function definition (7 for o200k_base models, 10 for cl100k_base ones)
   * @return the count
   */
  static Result count(ChatRequest r, ToIntFunction<String> count, int functionStart) {
    Set<String> uncounted = new LinkedHashSet<>();
    Set<String> approximated = new LinkedHashSet<>();
    long n = 0;
    for (Message m : r.messages()) {
      n += PER_MESSAGE + count.applyAsInt(m.role().name().toLowerCase(Locale.ROOT));
      for (ContentBlock b : m.content()) {
        n += block(b, count, uncounted, approximated);
      }
    }
    n += REPLY_PRIMING;
    if (!r.tools().isEmpty()) {
      for (ToolDefinition t : r.tools()) {
        n += function(t, count, functionStart, approximated);
      }
      n += FUNCTIONS_END;
    }
    if (r.responseFormat() != null && r.responseFormat().schemaJson() != null) {
      n += count.applyAsInt(r.responseFormat().schemaJson());
      approximated.add("the response format's schema (counted as its JSON text)");
    }
    return new Result(n, uncounted, approximated);
  }

  private static long block(ContentBlock b, ToIntFunction<String> count, Set<String> uncounted,
      Set<String> approximated) {
    if (b instanceof ContentBlock.Text t) {
      return count.applyAsInt(t.text());
    }
    if (b instanceof ContentBlock.ToolResult tr) {
      return count.applyAsInt(tr.content()) + count.applyAsInt(tr.toolCallId());
    }
    if (b instanceof ContentBlock.ToolUse tu) {
      approximated.add("tool calls in the conversation (their id, name and arguments counted as text)");
      return count.applyAsInt(tu.call().id()) + count.applyAsInt(tu.call().name())
          + count.applyAsInt(tu.call().argumentsJson());
    }
    if (b instanceof ContentBlock.Image) {
      uncounted.add("images");
    } else if (b instanceof ContentBlock.Audio) {
      uncounted.add("audio");
    } else if (b instanceof ContentBlock.Document) {
      uncounted.add("documents");
    }
    return 0; // thinking is not sent back in this format
  }

  private static long function(ToolDefinition t, ToIntFunction<String> count, int functionStart,
      Set<String> approximated) {
    long n = functionStart + count.applyAsInt(t.name() + ":" + withoutFinalPeriod(t.description()));
    JsonNode schema;
    try {
      schema = CoreJson.MAPPER.readTree(t.parametersSchema());
    } catch (IOException e) {
      return n; // checked when the tool was defined
    }
    JsonNode props = schema.path("properties");
    if (!props.isObject() || props.isEmpty()) {
      return n;
    }
    n += PROPERTIES_START;
    Iterator<Map.Entry<String, JsonNode>> it = props.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> p = it.next();
      JsonNode prop = p.getValue();
      n += PER_PROPERTY;
      JsonNode values = prop.path("enum");
      if (values.isArray()) {
        n += ENUM_START;
        for (JsonNode v : values) {
          n += PER_ENUM_VALUE + count.applyAsInt(v.isTextual() ? v.asText() : v.toString());
        }
      }
      if (prop.has("properties") || prop.has("items") || prop.has("anyOf") || prop.has("oneOf")) {
        approximated.add("nested tool parameters (only the top level is counted)");
      }
      String type = prop.path("type").isTextual() ? prop.path("type").asText() : prop.path("type").toString();
      n += count.applyAsInt(p.getKey() + ":" + (prop.has("type") ? type : "") + ":"
          + withoutFinalPeriod(prop.path("description").asText("")));
    }
    return n;
  }

  private static String withoutFinalPeriod(String s) {
    if (s == null) {
      return "";
    }
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * A bound above {@link #count} under any byte-level BPE, without tokenizing, parsing a tool schema or allocating:
   * each counted text at its UTF-8 length (a token is at least one byte), and per tool its name, description and the
   * whole schema's JSON text (every property name, type, description and enum value is in it, and the JSON around a
   * property or an enum value is longer than the tokens the format adds for it).
   *
   * @param r the request
   * @return the bound
   */
  static long upperBound(ChatRequest r) {
    long n = REPLY_PRIMING;
    for (Message m : r.messages()) {
      n += PER_MESSAGE + m.role().name().length();
      for (ContentBlock b : m.content()) {
        if (b instanceof ContentBlock.Text t) {
          n += utf8Length(t.text());
        } else if (b instanceof ContentBlock.ToolResult tr) {
          n += utf8Length(tr.content()) + utf8Length(tr.toolCallId());
        } else if (b instanceof ContentBlock.ToolUse tu) {
          n += utf8Length(tu.call().id()) + utf8Length(tu.call().name()) + utf8Length(tu.call().argumentsJson());
        }
      }
    }
    if (!r.tools().isEmpty()) {
      for (ToolDefinition t : r.tools()) {
        n += CL100K_FUNCTION_START + utf8Length(t.name()) + 1 + (t.description() == null ? 0
            : utf8Length(t.description())) + PROPERTIES_START + utf8Length(t.parametersSchema());
      }
      n += FUNCTIONS_END;
    }
    if (r.responseFormat() != null && r.responseFormat().schemaJson() != null) {
      n += utf8Length(r.responseFormat().schemaJson());
    }
    return n;
  }

  /**
   * The UTF-8 length of a text, without encoding it: an upper bound of its tokens under any byte-level BPE.
   *
   * @param s the text
   * @return its length in bytes
   */
  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
