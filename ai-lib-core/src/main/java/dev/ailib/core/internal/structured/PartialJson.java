package dev.ailib.core.internal.structured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The value a prefix of a JSON text stands for so far: objects and arrays closed where the text stops, a string
 * cut in the middle kept as far as it goes, and anything else that is not complete yet (a number that may still
 * grow, {@code tru}, a key without its value) left out. Each result is therefore a prefix-consistent view: a later,
 * longer prefix never changes or removes what an earlier one showed, it only adds to it (and extends the last
 * string).
 *
 * <p>Written here because no JSON library reads unfinished text this way: Jackson's non-blocking parser reports a
 * string only once it is complete and cannot close what is still open. Rescanning the text per update is linear in
 * its length; answers are small.
 */
final class PartialJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 256;

  private final String text;
  private final boolean partialStrings;
  private int pos;

  private PartialJson(String text, boolean partialStrings) {
    this.text = text;
    this.partialStrings = partialStrings;
  }

  /** The text is not a JSON prefix (an unexpected character). */
  static final class NotJson extends Exception {
    private static final long serialVersionUID = 1L;

    NotJson(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The value of a prefix.
   *
   * @param prefix the JSON text received so far
   * @param partialStrings whether a string still arriving is shown as far as it goes (else left out)
   * @return the value, or null when nothing of it is complete enough to show
   * @throws NotJson when the text cannot be the start of a JSON value
   */
  static JsonNode of(String prefix, boolean partialStrings) throws NotJson {
    PartialJson p = new PartialJson(prefix, partialStrings);
    p.skipWs();
    if (p.pos >= prefix.length()) {
      return null;
    }
    Part v = p.value(0);
    return v == null || !v.shown ? null : v.node;
  }

  /** A value read from the prefix; {@code shown} is false when it is incomplete and must be left out. */
  private record Part(JsonNode node, boolean shown, boolean complete) {
  }

  private Part value(int depth) throws NotJson {
    if (depth > MAX_DEPTH) {
      throw new NotJson("nested deeper than " + MAX_DEPTH);
    }
    skipWs();
    if (pos >= text.length()) {
      return null;
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", NODES.booleanNode(true));
      case 'f' -> literal("false", NODES.booleanNode(false));
      case 'n' -> literal("null", NODES.nullNode());
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw new NotJson("unexpected character '" + c + "' at offset " + pos);
      }
    };
  }

  private Part object(int depth) throws NotJson {
    ObjectNode obj = NODES.objectNode();
    pos++;
    while (true) {
      skipWs();
      if (pos >= text.length()) {
        return new Part(obj, true, false);
      }
      char c = text.charAt(pos);
      if (c == '}') {
        pos++;
        return new Part(obj, true, true);
      }
      if (c == ',') {
        pos++;
        continue;
      }
      if (c != '"') {
        throw new NotJson("expected a property name at offset " + pos);
      }
      Part key = string();
      if (!key.complete) {
        return new Part(obj, true, false);
      }
      skipWs();
      if (pos >= text.length()) {
        return new Part(obj, true, false);
      }
      if (text.charAt(pos) != ':') {
        throw new NotJson("expected ':' at offset " + pos);
      }
      pos++;
      Part v = value(depth + 1);
      if (v == null) {
        return new Part(obj, true, false);
      }
      if (v.shown) {
        obj.set(key.node.asText(), v.node);
      }
      if (!v.complete) {
        return new Part(obj, true, false);
      }
    }
  }

  private Part array(int depth) throws NotJson {
    ArrayNode arr = NODES.arrayNode();
    pos++;
    while (true) {
      skipWs();
      if (pos >= text.length()) {
        return new Part(arr, true, false);
      }
      char c = text.charAt(pos);
      if (c == ']') {
        pos++;
        return new Part(arr, true, true);
      }
      if (c == ',') {
        pos++;
        continue;
      }
      Part v = value(depth + 1);
      if (v == null) {
        return new Part(arr, true, false);
      }
      if (v.shown) {
        arr.add(v.node);
      }
      if (!v.complete) {
        return new Part(arr, true, false);
      }
    }
  }

  private Part string() throws NotJson {
    pos++;
    StringBuilder b = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return new Part(NODES.textNode(b.toString()), true, true);
      }
      if (c == '\\') {
        if (pos + 1 >= text.length()) {
          break; // an escape still arriving
        }
        char e = text.charAt(pos + 1);
        if (e == 'u') {
          if (pos + 6 > text.length()) {
            break;
          }
          try {
            b.append((char) Integer.parseInt(text.substring(pos + 2, pos + 6), 16));
          } catch (NumberFormatException ex) {
            throw new NotJson("bad \\u escape at offset " + pos);
          }
          pos += 6;
          continue;
        }
        b.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          case 'b' -> '\b';
          case 'f' -> '\f';
          case '"', '\\', '/' -> e;
          default -> throw new NotJson("bad escape at offset " + pos);
        });
        pos += 2;
        continue;
      }
      b.append(c);
      pos++;
    }
    pos = text.length();
    // a lone high surrogate at the cut is half a character
    if (b.length() > 0 && Character.isHighSurrogate(b.charAt(b.length() - 1))) {
      b.setLength(b.length() - 1);
    }
    return new Part(NODES.textNode(b.toString()), partialStrings, false);
  }

  private Part number() throws NotJson {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (pos >= text.length()) {
      return new Part(null, false, false); // more digits may follow
    }
    try {
      return new Part(Binding.STRICT.readTree(text.substring(start, pos)), true, true);
    } catch (JsonProcessingException e) {
      throw new NotJson("bad number '" + text.substring(start, pos) + "' at offset " + start);
    }
  }

  private Part literal(String word, JsonNode value) throws NotJson {
    int available = Math.min(word.length(), text.length() - pos);
    if (!word.startsWith(text.substring(pos, pos + available))) {
      throw new NotJson("unexpected token at offset " + pos);
    }
    pos += available;
    return available == word.length() ? new Part(value, true, true) : new Part(null, false, false);
  }

  private void skipWs() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        pos++;
      } else {
        break;
      }
    }
  }
}
