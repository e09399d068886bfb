package dev.ailib.core.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The {@link JsonPath} implementation: a list of steps walked over a Jackson tree. Immutable, thread-safe. */
final class ParsedPath implements JsonPath {

  /** Receives each value a path reaches; returns true to stop the walk early. */
  interface Visitor {
    boolean visit(JsonNode value);
  }

  private final String text;
  private final PathStep[] steps;
  private final boolean fansOut;

  ParsedPath(String text, List<PathStep> steps) {
    this.text = text;
    this.steps = steps.toArray(new PathStep[0]);
    boolean fan = false;
    for (PathStep s : this.steps) {
      fan |= s.kind == PathStep.Kind.WILDCARD || s.kind == PathStep.Kind.FILTER;
    }
    this.fansOut = fan;
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public boolean fansOut() {
    return fansOut;
  }

  @Override
  public List<JsonNode> select(JsonNode root) {
    List<JsonNode> out = new ArrayList<>(fansOut ? 4 : 1);
    walk(root, 0, v -> {
      out.add(v);
      return false;
    });
    return out;
  }

  @Override
  public JsonNode first(JsonNode root) {
    if (!fansOut) {
      return single(root);
    }
    JsonNode[] found = new JsonNode[1];
    walk(root, 0, v -> {
      found[0] = v;
      return true;
    });
    return found[0];
  }

  @Override
  public boolean exists(JsonNode root) {
    if (!fansOut) {
      JsonNode v = single(root);
      return v != null && !v.isNull();
    }
    return walk(root, 0, v -> !v.isNull());
  }

  @Override
  public List<String> projection() {
    List<String> out = new ArrayList<>(steps.length);
    for (PathStep s : steps) {
      if (s.kind == PathStep.Kind.FILTER) {
        break;
      }
      out.add(s.kind == PathStep.Kind.FIELD && s.index < 0 ? s.name : null);
    }
    return out;
  }

  /** Walks every value; stops when the visitor returns true, and then returns true. */
  boolean walk(JsonNode node, int step, Visitor visitor) {
    if (node == null || node.isMissingNode()) {
      return false;
    }
    if (step == steps.length) {
      return visitor.visit(node);
    }
    PathStep s = steps[step];
    switch (s.kind) {
      case FIELD:
        return walk(field(node, s), step + 1, visitor);
      case INDEX:
        return walk(index(node, s.index), step + 1, visitor);
      case WILDCARD:
        if (node.isArray() || node.isObject()) {
          for (JsonNode child : node) {
            if (walk(child, step + 1, visitor)) {
              return true;
            }
          }
        }
        return false;
      case FILTER:
        if (node.isArray()) {
          for (JsonNode child : node) {
            if (s.filter.eval(child) && walk(child, step + 1, visitor)) {
              return true;
            }
          }
          return false;
        }
        return s.filter.eval(node) && walk(node, step + 1, visitor);
      default:
        throw new IllegalStateException("unknown step " + s.kind);
    }
  }

  /** The value of a path without fan-out, with no allocation. */
  private JsonNode single(JsonNode root) {
    JsonNode node = root;
    for (PathStep s : steps) {
      if (node == null) {
        return null;
      }
      node = s.kind == PathStep.Kind.FIELD ? field(node, s) : index(node, s.index);
    }
    return node == null || node.isMissingNode() ? null : node;
  }

  private static JsonNode field(JsonNode node, PathStep s) {
    if (node.isObject()) {
      return node.get(s.name);
    }
    if (node.isArray() && s.index >= 0) {
      return node.get(s.index);
    }
    return null;
  }

  private static JsonNode index(JsonNode node, int index) {
    if (!node.isArray()) {
      return null;
    }
    int i = index < 0 ? node.size() + index : index;
    return i < 0 ? null : node.get(i);
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParsedPath && ((ParsedPath) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
