package dev.ailib.core.spi.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A parsed JSON path such as {@code $.choices[0].delta.content} or {@code $.choices[*].index}
 * ({@code $.} optional; {@code .field}, {@code [N]} and {@code [*]} at any depth, {@code [*]} fanning out).
 * Immutable and thread-safe. PLACEHOLDER until the streaming work lands the parser.
 */
public interface JsonPath {

  /** The source text. */
  String text();

  /**
   * Every value the path reaches (missing nodes skipped; {@code [*]} fans out in document order).
   *
   * @param root the JSON document
   * @return the values, maybe empty
   */
  List<JsonNode> select(JsonNode root);

  /**
   * The first value the path reaches.
   *
   * @param root the JSON document
   * @return the value, or null when none
   */
  default JsonNode first(JsonNode root) {
    List<JsonNode> all = select(root);
    return all.isEmpty() ? null : all.get(0);
  }

  /**
   * Parses a path.
   *
   * @param text the text
   * @return the path
   * @throws ExpressionException when the text is not a valid path (with the column)
   */
  static JsonPath parse(String text) {
    throw new UnsupportedOperationException("JSON path parser not implemented yet");
  }
}
