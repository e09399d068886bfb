package dev.ailib.core.internal.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Reads each payload of one stream into a tree of the parts its pipeline reads ({@link FrameShape}), skipping the
 * rest without building it. One non-blocking Jackson parser serves the whole stream: each payload is fed to it
 * whole and read as the next root value, so no parser, context or symbol table is made per frame (on an OpenAI
 * chunk, {@code readTree} allocates about 2.5 KB, most of it for fields no rule reads, and 0.6 KB for a new parser).
 *
 * <p>Semantics are those of {@link Json#parse} ({@code readTree}): the same read constraints (the parser comes from
 * the one mapper's factory), the same node types. Whatever the fast path does not handle the way {@code readTree}
 * would (a payload that is not one complete JSON value, content after it, a number at the very end, any parse
 * error) is parsed again by {@link Json#parse}, whose result or error is used, and the parser is replaced. Error
 * frames are classified on the whole payload ({@link #whole}), since the classifier reads the frame freely.
 *
 * <p>Why a hand-written walk rather than {@code readTree} with a filter: Jackson's {@code FilteringParserDelegate}
 * cannot wrap a non-blocking parser, and {@code readTree} makes a deserialization context per call.
 */
final class ProjectingFrameReader implements FrameReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final FrameShape shape;
  private JsonParser parser;
  private ByteArrayFeeder feeder;
  /** The last payload read, while its frame is handled (the decoder's buffer is valid until then). */
  private ByteBuf lastBuf;
  private int lastOff;
  private int lastLen;
  private Supplier<String> lastWhere;
  private JsonNode lastProjected;

  ProjectingFrameReader(FrameShape shape) {
    this.shape = shape;
  }

  @Override
  public JsonNode read(ByteBuf buf, int off, int len, Supplier<String> where) {
    lastBuf = buf;
    lastOff = off;
    lastLen = len;
    lastWhere = where;
    lastProjected = null;
    JsonNode node = fast(buf, off, len);
    if (node == null) {
      parser = null; // its state is unknown now: the next payload gets a fresh one
      return Json.parse(buf, off, len, where);
    }
    lastProjected = node;
    return node;
  }

  /**
   * The whole payload of a frame: parsed again when the frame is the one this reader just projected (only while it
   * is being handled), else the frame's own tree.
   *
   * @param frameJson the tree the session got for the frame
   * @return the whole payload
   */
  JsonNode whole(JsonNode frameJson) {
    if (frameJson != lastProjected || lastProjected == null || shape.whole()) {
      return frameJson;
    }
    return Json.parse(lastBuf, lastOff, lastLen, lastWhere);
  }

  /** The projected tree, or null when the payload must be parsed the ordinary way. */
  private JsonNode fast(ByteBuf buf, int off, int len) {
    try {
      if (parser == null) {
        parser = Json.MAPPER.getFactory().createNonBlockingByteArrayParser();
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
      }
      feeder.feedInput(buf.data, off, off + len);
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY && first != JsonToken.VALUE_STRING
          && first != JsonToken.VALUE_TRUE && first != JsonToken.VALUE_FALSE && first != JsonToken.VALUE_NULL) {
        return null; // nothing, an incomplete value, or a root number (complete only at the end of input)
      }
      JsonNode node = read(first, shape);
      if (node == null || parser.nextToken() != JsonToken.NOT_AVAILABLE) {
        return null; // cut short, or more after the value (readTree ignores it; this parser cannot)
      }
      return node;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Reads the value at the current token; null when the input ended inside it. */
  private JsonNode read(JsonToken t, FrameShape s) throws IOException {
    if (s == null) {
      return skip(t) ? NODES.nullNode() : null; // never looked at: a placeholder keeps array positions
    }
    if (t == JsonToken.START_OBJECT) {
      // sized for the fields kept, not the default 16 slots: most frames keep one to three fields per object
      ObjectNode o = new ObjectNode(NODES, new java.util.LinkedHashMap<>(s.objectCapacity()));
      while (true) {
        JsonToken n = parser.nextToken();
        if (n == JsonToken.END_OBJECT) {
          return o;
        }
        if (n != JsonToken.FIELD_NAME) {
          return null;
        }
        String name = parser.currentName();
        FrameShape child = s.field(name);
        JsonToken v = parser.nextToken();
        if (child == null) {
          if (!skip(v)) {
            return null;
          }
          continue;
        }
        JsonNode value = read(v, child);
        if (value == null) {
          return null;
        }
        o.set(name, value);
      }
    }
    if (t == JsonToken.START_ARRAY) {
      ArrayNode a = new ArrayNode(NODES, 2); // one candidate per chunk is the rule
      FrameShape element = s.element();
      while (true) {
        JsonToken n = parser.nextToken();
        if (n == JsonToken.END_ARRAY) {
          return a;
        }
        JsonNode value = read(n, element);
        if (value == null) {
          return null;
        }
        a.add(value);
      }
    }
    return scalar(t);
  }

  /** The node {@code readTree} makes for a scalar token (null for anything else, such as NOT_AVAILABLE). */
  private JsonNode scalar(JsonToken t) throws IOException {
    if (t == null) {
      return null;
    }
    switch (t) {
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        switch (parser.getNumberType()) {
          case INT:
            return NODES.numberNode(parser.getIntValue());
          case LONG:
            return NODES.numberNode(parser.getLongValue());
          default:
            return NODES.numberNode(parser.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
            ? NODES.numberNode(parser.getDecimalValue()) : NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        return null;
    }
  }

  /** Skips the value at the current token; false when the input ended inside it. */
  private boolean skip(JsonToken t) throws IOException {
    if (t == null || t == JsonToken.NOT_AVAILABLE || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY
        || t == JsonToken.FIELD_NAME) {
      return false;
    }
    if (!t.isStructStart()) {
      return true;
    }
    int depth = 1;
    while (depth > 0) {
      JsonToken n = parser.nextToken();
      if (n == null || n == JsonToken.NOT_AVAILABLE) {
        return false;
      }
      if (n.isStructStart()) {
        depth++;
      } else if (n.isStructEnd()) {
        depth--;
      }
    }
    return true;
  }
}
