package dev.ailib.protocol.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.error.SourceLocation;
import java.util.Map;

/**
 * A parsed document and where each of its values starts, keyed by field path ({@code a.b[2].c}).
 *
 * @param source the file or resource name, for messages
 * @param root the document
 * @param positions field path to {line, column} of the value's first character (1-based)
 * @param text the document text, used to place expression columns
 */
record LocatedTree(String source, JsonNode root, Map<String, int[]> positions, String text) {

  /**
   * Where a field is; a path without its own position (such as one inside an alias) gets its nearest
   * ancestor's.
   *
   * @param path the field path, "" for the document
   * @return the location
   */
  SourceLocation locate(String path) {
    String p = path;
    while (true) {
      int[] pos = positions.get(p);
      if (pos != null) {
        return new SourceLocation(source, pos[0], pos[1], path.isEmpty() ? null : path);
      }
      if (p.isEmpty()) {
        return new SourceLocation(source, -1, -1, path.isEmpty() ? null : path);
      }
      p = parent(p);
    }
  }

  /**
   * The path of a field's parent.
   *
   * @param path such as {@code a.b[2]}
   * @return such as {@code a.b}
   */
  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  /**
   * The path of a named child.
   *
   * @param parent the parent's path
   * @param name the field name
   * @return the child's path
   */
  static String child(String parent, String name) {
    boolean plain = !name.isEmpty() && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_'
        || c == '-' || c == '$');
    if (!plain) {
      return parent + "[\"" + name.replace("\"", "\\\"") + "\"]";
    }
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /**
   * The path of a list element.
   *
   * @param parent the list's path
   * @param index the 0-based index
   * @return the element's path
   */
  static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
