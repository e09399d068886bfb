package dev.ailib.core.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A parsed JSON path such as {@code $.choices[0].delta.content} or {@code $.choices[*].index}
 * ({@code $.} optional; {@code .field}, {@code [N]} and {@code [*]} at any depth, {@code [*]} fanning out).
 * Also {@code ['quoted name']}, {@code [-1]} (from the end), {@code .*}, a numeric field on an array
 * ({@code content.0.type}), a path without {@code $} ({@code choices[0].message.content}) and a filter step
 * {@code [?(@.type == 'text')]}. Immutable and thread-safe. Walking a path without {@code [*]} allocates nothing.
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
    return Parser.parsePath(text);
  }

  /**
   * Whether the path reaches a value that is not JSON null.
   *
   * @param root the JSON document
   * @return true when it does
   */
  default boolean exists(JsonNode root) {
    for (JsonNode n : select(root)) {
      if (!n.isNull()) {
        return true;
      }
    }
    return false;
  }

  /** Whether the path can reach several values ({@code [*]} or a filter). */
  default boolean fansOut() {
    return false;
  }

  /**
   * The part of a document this path can read, for a parser that builds only what is read: one entry per step, the
   * field name of a field step, or {@code null} for a step that may reach any element or value (an index, a
   * wildcard, an all-digit field name, which also indexes arrays). A filter step ends the list: the value before it
   * is read whole, since the filter may look at anything in it. The value the last listed step reaches is read
   * whole. Reading more than a path needs is always safe; this never lists less.
   *
   * @return the steps, maybe empty (the whole document)
   */
  List<String> projection();
}
