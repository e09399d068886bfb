package dev.ailib.core.internal.response;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.json.CoreJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Parses a non-streaming answer with bounded memory: Jackson's streaming parser walks the whole body (checking it
 * is one well-formed JSON value with the {@link CoreJson} read constraints), but only the parts an
 * {@link AnswerFields} selects become tree nodes, and at most {@value #MAX_VALUES} of them. A 60 MB body of
 * {@code {}} items thus costs its bytes and a few nodes, not a tree twenty times its size; an answer whose read
 * parts hold more values than the budget fails with a classified error instead of exhausting the heap.
 *
 * <p>Why not {@code ObjectMapper.readTree}: it needs the whole body and builds every node of the document before
 * the codec can look at it, and Jackson has no node budget (its {@code maxTokenCount} needs 2.18, above the minimum this library
 * supports). Failures are {@link ProtocolException}s with {@link StandardErrorCode#SERVER_ERROR}, the code every
 * malformed provider answer gets, streaming or not.
 */
public final class AnswerParser {
  /** The most JSON values built from one answer. */
  public static final int MAX_VALUES = 500_000;
  /** The most numbers read into vectors from one answer (128 MB of floats). */
  public static final int MAX_VECTOR_VALUES = 32 * 1024 * 1024;

  private AnswerParser() {
  }

  /**
   * Parses the selected parts of an answer held in memory.
   *
   * @param body the body
   * @param fields what to keep
   * @param provider the provider id, for messages
   * @return the tree of the selected parts
   * @see #parse(InputStream, AnswerFields, String)
   */
  public static JsonNode parse(byte[] body, AnswerFields fields, String provider) {
    return parse(new ByteArrayInputStream(body), fields, provider);
  }

  /**
   * Parses the selected parts of an answer as it is read: the body is never held whole, so the memory a call takes
   * is the parser's buffer plus the selected parts, whatever the body's size.
   *
   * @param body the body (read to its end, not closed)
   * @param fields what to keep
   * @param provider the provider id, for messages
   * @return the tree of the selected parts (the root's kind as sent: an object, or an empty array, a number ...)
   * @throws ProtocolException when the body is empty, not JSON, over a read constraint, followed by more content,
   *     or holds more than {@value #MAX_VALUES} values in the selected parts
   * @throws UncheckedIOException when reading the body fails (a transport failure, not a malformed answer)
   */
  public static JsonNode parse(InputStream body, AnswerFields fields, String provider) {
    Counting in = new Counting(body);
    Budget budget = new Budget();
    try (JsonParser p = CoreJson.MAPPER.getFactory().createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw Answers.malformed(provider, in.count == 0 ? "the response body is empty; expected a JSON object"
            : "the response body is blank (" + in.count + " bytes of white space); expected a JSON object", null);
      }
      JsonNode root = read(p, fields, budget);
      if (p.nextToken() != null) {
        throw Answers.malformed(provider, "the response body holds more after its JSON value (at line "
            + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr() + ")", null);
      }
      return root;
    } catch (TooManyValues e) {
      // the limit first: the list of parts may be long and messages are cut
      throw Answers.malformed(provider, "the parts of the response the client reads hold more than "
          + (e.vectors ? MAX_VECTOR_VALUES + " vector numbers" : MAX_VALUES + " JSON values")
          + "; it is not read further (parts read: " + fields + ")", null);
    } catch (NotAVector e) {
      throw Answers.malformed(provider, "the response's " + e.getMessage(), null);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw Answers.malformed(provider, "the response body " + CoreJson.reason(e) + where + " (" + in.count
          + " bytes read)", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // closing the parser failed: the source's problem
    }
  }

  /** Counts the bytes read, and turns the source's I/O failures into unchecked ones Jackson passes through. */
  private static final class Counting extends InputStream {
    private final InputStream in;
    long count;

    Counting(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() {
      try {
        int b = in.read();
        if (b >= 0) {
          count++;
        }
        return b;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) {
      try {
        int n = in.read(b, off, len);
        if (n > 0) {
          count += n;
        }
        return n;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      // the caller owns the body
    }
  }

  private static JsonNode read(JsonParser p, AnswerFields sel, Budget b) throws IOException {
    if (sel.whole()) {
      return whole(p, b);
    }
    if (sel.vector()) {
      return vector(p, b);
    }
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      ObjectNode o = b.object();
      if (!sel.selectsFields()) {
        p.skipChildren(); // an object where elements were expected: its kind is kept for the error message
        return o;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        AnswerFields child = sel.field(name);
        if (child == null) {
          p.skipChildren();
        } else {
          o.set(name, read(p, child, b));
        }
      }
      return o;
    }
    if (t == JsonToken.START_ARRAY) {
      ArrayNode a = b.array();
      if (!sel.selectsElements()) {
        p.skipChildren();
        return a;
      }
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (sel.firstOnly() && i > 0) {
          p.skipChildren();
        } else {
          a.add(read(p, sel.element(), b));
        }
        i++;
      }
      return a;
    }
    return scalar(p, b);
  }

  /**
   * An array of numbers as one POJO node holding a {@code float[]}: the numbers go into the budget's scratch array,
   * which grows as needed and is reused for every vector of the answer, then are copied once into an array of the
   * vector's exact length.
   */
  private static JsonNode vector(JsonParser p, Budget b) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new NotAVector("vector at " + p.getParsingContext().pathAsPointer() + " is "
          + kind(p.currentToken()) + ", expected an array of numbers");
    }
    b.count();
    float[] buf = b.scratch;
    if (buf == null) {
      buf = new float[256];
      b.scratch = buf;
    }
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
        throw new NotAVector("vector at " + p.getParsingContext().getParent().pathAsPointer() + " holds "
            + kind(t) + " at position " + n + "; expected only numbers");
      }
      if (n == buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        b.scratch = buf;
      }
      buf[n++] = FloatText.read(p);
      b.countVector();
    }
    return CoreJson.NODES.pojoNode(java.util.Arrays.copyOf(buf, n));
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "a number";
    };
  }

  private static JsonNode whole(JsonParser p, Budget b) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      ObjectNode o = b.object();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        o.set(name, whole(p, b));
      }
      return o;
    }
    if (t == JsonToken.START_ARRAY) {
      ArrayNode a = b.array();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        a.add(whole(p, b));
      }
      return a;
    }
    return scalar(p, b);
  }

  private static JsonNode scalar(JsonParser p, Budget b) throws IOException {
    b.count();
    JsonNodeFactory f = CoreJson.NODES;
    return switch (p.currentToken()) {
      case VALUE_STRING -> f.textNode(p.getText());
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> f.numberNode(p.getIntValue());
        case LONG -> f.numberNode(p.getLongValue());
        default -> f.numberNode(p.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
          ? f.numberNode(p.getDecimalValue()) : f.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> f.booleanNode(true);
      case VALUE_FALSE -> f.booleanNode(false);
      case VALUE_NULL -> f.nullNode();
      case VALUE_EMBEDDED_OBJECT -> f.pojoNode(p.getEmbeddedObject());
      default -> throw new JsonParseProblem(p, "unexpected token " + p.currentToken());
    };
  }

  /** Counts the nodes built and the numbers read into vectors; holds the vectors' scratch array. */
  private static final class Budget {
    private int values;
    private int vectorValues;
    /** Created by the first vector: a chat answer has none, and this would be a kilobyte per call. */
    float[] scratch;

    void count() {
      if (++values > MAX_VALUES) {
        throw new TooManyValues(false);
      }
    }

    void countVector() {
      if (++vectorValues > MAX_VECTOR_VALUES) {
        throw new TooManyValues(true);
      }
    }

    ObjectNode object() {
      count();
      return CoreJson.NODES.objectNode();
    }

    ArrayNode array() {
      count();
      return CoreJson.NODES.arrayNode();
    }
  }

  /** The budget ran out (no stack trace: it is caught right away). */
  private static final class TooManyValues extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean vectors;

    TooManyValues(boolean vectors) {
      super(null, null, false, false);
      this.vectors = vectors;
    }
  }

  /** A value selected as a vector is not an array of numbers (no stack trace: it is caught right away). */
  private static final class NotAVector extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotAVector(String message) {
      super(message, null, false, false);
    }
  }

  private static final class JsonParseProblem extends com.fasterxml.jackson.core.JsonParseException {
    private static final long serialVersionUID = 1L;

    JsonParseProblem(JsonParser p, String message) {
      super(p, message);
    }
  }
}
