package dev.ailib.core.internal.expression;

/**
 * One step of a parsed path: a field, an index (negative counts from the end), a wildcard, or a filter.
 * Immutable.
 */
final class PathStep {

  /** Step kinds. */
  enum Kind {
    /** {@code .name} or {@code ['name']}; on an array, an all-digit name is an index ({@code content.0.type}). */
    FIELD,
    /** {@code [N]}. */
    INDEX,
    /** {@code [*]} or {@code .*}: every element of an array or value of an object. */
    WILDCARD,
    /** {@code [?(expr)]}: the array elements (or the object itself) for which expr holds. */
    FILTER
  }

  final Kind kind;
  final String name;
  final int index;
  final ExprNode filter;

  private PathStep(Kind kind, String name, int index, ExprNode filter) {
    this.kind = kind;
    this.name = name;
    this.index = index;
    this.filter = filter;
  }

  static PathStep field(String name) {
    int asIndex = -1;
    if (!name.isEmpty() && name.length() < 10) {
      asIndex = 0;
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c < '0' || c > '9') {
          asIndex = -1;
          break;
        }
        asIndex = asIndex * 10 + (c - '0');
      }
    }
    return new PathStep(Kind.FIELD, name, asIndex, null);
  }

  static PathStep index(int index) {
    return new PathStep(Kind.INDEX, null, index, null);
  }

  static PathStep wildcard() {
    return new PathStep(Kind.WILDCARD, null, 0, null);
  }

  static PathStep filter(ExprNode filter) {
    return new PathStep(Kind.FILTER, null, 0, filter);
  }
}
