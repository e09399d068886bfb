package dev.ailib.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The engine's JSON mapper, configured once. Read constraints (the same for non-streaming bodies, stream frames
 * and error bodies):
 * <ul>
 *   <li>strings up to {@value #MAX_STRING_CHARS} characters (Jackson's own default, stated here so that the
 *       error message can name it);</li>
 *   <li>nesting up to {@value #MAX_DEPTH} levels;</li>
 *   <li>numbers up to {@value #MAX_NUMBER_CHARS} digits.</li>
 * </ul>
 * The size of a whole document is bounded before it reaches Jackson: the transport's response limit for bodies,
 * the decoder limits for stream frames. The mapper is thread-safe and must not be reconfigured.
 */
public final class CoreJson {
  /** The longest JSON string accepted, in characters. */
  public static final int MAX_STRING_CHARS = 20_000_000;
  /** The deepest nesting accepted. */
  public static final int MAX_DEPTH = 1000;
  /** The longest number accepted, in characters. */
  public static final int MAX_NUMBER_CHARS = 1000;

  /** The mapper. */
  public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(MAX_STRING_CHARS)
          .maxNestingDepth(MAX_DEPTH)
          .maxNumberLength(MAX_NUMBER_CHARS)
          .build())
      .build());

  /** Node factory for trees built by hand. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CoreJson() {
  }

  /**
   * JSON text of a tree.
   *
   * @param node the tree
   * @return its compact JSON text
   */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /**
   * JSON bytes of a tree.
   *
   * @param node the tree
   * @return its compact JSON as UTF-8
   */
  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /**
   * Why a document could not be read, as a predicate ("is not valid JSON: ...", "exceeds a limit of the JSON
   * reader (...)"), naming the limit when a read constraint was the cause. Jackson's message for a syntax error
   * may quote the document: callers redact it.
   *
   * @param e the failure
   * @return the reason
   */
  public static String reason(Exception e) {
    Throwable t = e;
    while (t != null) {
      if (t instanceof StreamConstraintsException sce) {
        return "exceeds a limit of the JSON reader (" + constraint(sce.getMessage()) + ")";
      }
      t = t.getCause();
    }
    if (e instanceof JsonProcessingException jpe && jpe.getOriginalMessage() != null) {
      return "is not valid JSON: " + firstLine(jpe.getOriginalMessage());
    }
    return "is not valid JSON: " + (e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage()));
  }

  private static String constraint(String message) {
    String m = message == null ? "" : message;
    if (m.contains("String value length") || m.contains("MaxStringLength")) {
      return "a string is longer than " + MAX_STRING_CHARS + " characters, StreamReadConstraints.maxStringLength";
    }
    if (m.contains("nesting depth") || m.contains("NestingDepth")) {
      return "nesting deeper than " + MAX_DEPTH + " levels, StreamReadConstraints.maxNestingDepth";
    }
    if (m.contains("Number value length") || m.contains("NumberLength")) {
      return "a number longer than " + MAX_NUMBER_CHARS + " characters, StreamReadConstraints.maxNumberLength";
    }
    return firstLine(m);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
