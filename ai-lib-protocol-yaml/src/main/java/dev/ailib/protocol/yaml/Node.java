package dev.ailib.protocol.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.SourceLocation;
import dev.ailib.api.error.StandardErrorCode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value in a manifest with its field path: typed reads that fail with the file, line, column and field.
 * Absent and null values read as absent.
 */
final class Node {
  private final LocatedTree tree;
  private final JsonNode value;
  private final String path;

  private Node(LocatedTree tree, JsonNode value, String path) {
    this.tree = tree;
    this.value = value == null ? MissingNode.getInstance() : value;
    this.path = path;
  }

  static Node root(LocatedTree tree) {
    return new Node(tree, tree.root(), "");
  }

  String path() {
    return path;
  }

  JsonNode json() {
    return value;
  }

  LocatedTree tree() {
    return tree;
  }

  /** Whether the value is there and not null. */
  boolean present() {
    return !value.isMissingNode() && !value.isNull();
  }

  boolean isObject() {
    return value.isObject();
  }

  boolean isArray() {
    return value.isArray();
  }

  boolean isText() {
    return value.isTextual();
  }

  /** A named child; absent when this is not a mapping or has no such field. */
  Node get(String name) {
    return new Node(tree, value.isObject() ? value.get(name) : null, LocatedTree.child(path, name));
  }

  /** The first present child of several names. */
  Node first(String... names) {
    for (String name : names) {
      Node n = get(name);
      if (n.present()) {
        return n;
      }
    }
    return get(names[0]);
  }

  /** Where this value is (or, when absent, its nearest present ancestor). */
  dev.ailib.api.error.SourceLocation location() {
    return tree.locate(path);
  }

  /** An error located at this value (or, when absent, at its nearest present ancestor). */
  ProtocolException error(String message) {
    return new ProtocolException(StandardErrorCode.INVALID_REQUEST, message, tree.locate(path), null);
  }

  /** An error at this value with an explicit column. */
  ProtocolException errorAtColumn(int column, String message) {
    SourceLocation at = tree.locate(path);
    return new ProtocolException(StandardErrorCode.INVALID_REQUEST, message,
        new SourceLocation(at.file(), at.line(), column, at.field()), null);
  }

  ProtocolException wrongType(String expected) {
    return error("expected " + expected + ", found " + SafeTreeReader.describe(value));
  }

  /** This value as a mapping; fails when present and not one. */
  Node requireObject() {
    if (present() && !value.isObject()) {
      throw wrongType("a mapping");
    }
    return this;
  }

  /** A string; fails when present and not a string. */
  String text() {
    if (!present()) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType("a string");
    }
    return value.asText();
  }

  /** A string, or a number or boolean written without quotes, as text. */
  String scalarText() {
    if (!present()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw wrongType("a string");
    }
    return value.asText();
  }

  /** A required non-blank string field. */
  String requiredText(String name) {
    Node n = get(name);
    if (!n.present()) {
      throw n.error("missing required field '" + name + "'");
    }
    String s = n.text();
    if (s.isBlank()) {
      throw n.error("field '" + name + "' must not be empty");
    }
    return s;
  }

  String optText(String name) {
    return get(name).text();
  }

  Long longValue() {
    if (!present()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw wrongType("a whole number");
    }
    return value.asLong();
  }

  Double doubleValue() {
    if (!present()) {
      return null;
    }
    if (!value.isNumber()) {
      throw wrongType("a number");
    }
    return value.asDouble();
  }

  Boolean boolValue() {
    if (!present()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw wrongType("true or false");
    }
    return value.asBoolean();
  }

  /** A whole number within bounds. */
  Integer intValue(long min, long max) {
    Long l = longValue();
    if (l == null) {
      return null;
    }
    if (l < min || l > max) {
      throw error("value " + l + " is out of range [" + min + ", " + max + "]");
    }
    return l.intValue();
  }

  /** The elements of a list; empty when absent. */
  List<Node> elements() {
    if (!present()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw wrongType("a list");
    }
    List<Node> out = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      out.add(new Node(tree, value.get(i), LocatedTree.element(path, i)));
    }
    return out;
  }

  /** The fields of a mapping in file order; empty when absent. */
  Map<String, Node> entries() {
    if (!present()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw wrongType("a mapping");
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      out.put(name, get(name));
    }
    return out;
  }

  /** One string or a list of strings; empty when absent. */
  List<String> stringList() {
    if (!present()) {
      return List.of();
    }
    if (value.isTextual()) {
      return List.of(value.asText());
    }
    List<String> out = new ArrayList<>();
    for (Node n : elements()) {
      String s = n.scalarText();
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The column where the text of this scalar starts (after an opening quote), for placing expression errors.
   */
  int textColumn() {
    SourceLocation at = tree.locate(path);
    if (at.line() <= 0 || at.column() <= 0) {
      return -1;
    }
    String text = tree.text();
    int lineStart = 0;
    for (int line = 1; line < at.line() && lineStart >= 0; line++) {
      lineStart = text.indexOf('\n', lineStart) + 1;
      if (lineStart == 0) {
        return at.column();
      }
    }
    int idx = lineStart + at.column() - 1;
    if (idx < text.length() && (text.charAt(idx) == '"' || text.charAt(idx) == '\'')) {
      return at.column() + 1;
    }
    return at.column();
  }
}
