package dev.ailib.core.internal.response;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of a non-streaming answer a codec reads, as paths: {@code usage} (that field, whole),
 * {@code choices[0].message} (the first element only), {@code content[*].type} (that field of every element).
 * {@link AnswerParser} builds a tree of these parts only and skips the rest of the body without building it, so
 * the memory an answer takes depends on what is read, not on what the provider sends. Immutable.
 *
 * <p>A path may also be selected as a <em>vector</em> ({@link #of(List, List)}): an array of numbers read straight
 * into a {@code float[]}, which the tree holds as one POJO node. Embedding answers (thousands of numbers per input)
 * are read this way: one array per vector, no node per number, and outside the tree's value budget.
 */
public final class AnswerFields {
  /** Keep this value whole. */
  private static final AnswerFields WHOLE = new AnswerFields(true, Map.of(), null, false);
  /** Read this value as a vector of floats. */
  private static final AnswerFields VECTOR = new AnswerFields(false, Map.of(), null, false, List.of(), true);

  private final boolean whole;
  private final boolean vector;
  private final Map<String, AnswerFields> fields;
  private final AnswerFields element;
  private final boolean firstOnly;
  private final List<String> paths;

  private AnswerFields(boolean whole, Map<String, AnswerFields> fields, AnswerFields element, boolean firstOnly) {
    this(whole, fields, element, firstOnly, List.of());
  }

  private AnswerFields(boolean whole, Map<String, AnswerFields> fields, AnswerFields element, boolean firstOnly,
      List<String> paths) {
    this(whole, fields, element, firstOnly, paths, false);
  }

  private AnswerFields(boolean whole, Map<String, AnswerFields> fields, AnswerFields element, boolean firstOnly,
      List<String> paths, boolean vector) {
    this.vector = vector;
    this.whole = whole;
    this.fields = fields;
    this.element = element;
    this.firstOnly = firstOnly;
    this.paths = paths;
  }

  /**
   * The selection of the given paths (the root is an object).
   *
   * @param paths paths such as {@code choices[0].message}, {@code usage}, {@code content[*]}
   * @return the selection
   * @throws IllegalArgumentException for a malformed path
   */
  public static AnswerFields of(String... paths) {
    return of(List.of(paths), List.of());
  }

  /**
   * The selection of the given paths, some of them read as vectors.
   *
   * @param paths paths kept as tree nodes, such as {@code usage}
   * @param vectorPaths paths read as vectors of floats, such as {@code data[*].embedding} or
   *     {@code embeddings.float[*]}: each selected value must be an array of numbers, and becomes one POJO node
   *     holding a {@code float[]}
   * @return the selection
   * @throws IllegalArgumentException for a malformed path
   */
  public static AnswerFields of(List<String> paths, List<String> vectorPaths) {
    Builder root = new Builder();
    add(root, paths, false);
    add(root, vectorPaths, true);
    AnswerFields built = root.build();
    List<String> all = new java.util.ArrayList<>(paths);
    vectorPaths.forEach(v -> all.add(v + " (vectors)"));
    return new AnswerFields(false, built.fields, null, false, List.copyOf(all));
  }

  private static void add(Builder root, List<String> paths, boolean vector) {
    for (String p : paths) {
      Objects.requireNonNull(p, "path");
      Builder at = root;
      String[] segments = p.split("\\.", -1);
      for (int i = 0; i < segments.length; i++) {
        String seg = segments[i];
        String name = seg;
        String index = null;
        int b = seg.indexOf('[');
        if (b >= 0) {
          if (!seg.endsWith("]")) {
            throw new IllegalArgumentException("bad path segment '" + seg + "' in " + p);
          }
          name = seg.substring(0, b);
          index = seg.substring(b + 1, seg.length() - 1);
          if (!index.equals("0") && !index.equals("*")) {
            throw new IllegalArgumentException("only [0] and [*] are supported, in " + p);
          }
        }
        if (name.isEmpty()) {
          throw new IllegalArgumentException("empty field name in " + p);
        }
        at = at.field(name);
        if (index != null) {
          at = at.element(index.equals("0"));
        }
        if (i == segments.length - 1) {
          if (vector) {
            at.vector = true;
          } else {
            at.whole = true;
          }
        }
      }
    }
  }

  boolean whole() {
    return whole;
  }

  /** Whether this value is read as a vector of floats. */
  boolean vector() {
    return vector;
  }

  /** The selection of a field of an object, or null when the field is not read. */
  AnswerFields field(String name) {
    return fields.get(name);
  }

  /** Whether this selects an array's elements. */
  boolean selectsElements() {
    return element != null;
  }

  /** Whether this selects an object's fields. */
  boolean selectsFields() {
    return !fields.isEmpty();
  }

  AnswerFields element() {
    return element;
  }

  boolean firstOnly() {
    return firstOnly;
  }

  @Override
  public String toString() {
    return String.join(", ", paths);
  }

  private static final class Builder {
    boolean whole;
    boolean vector;
    final Map<String, Builder> fields = new HashMap<>();
    Builder element;
    boolean firstOnly = true;

    Builder field(String name) {
      return fields.computeIfAbsent(name, n -> new Builder());
    }

    Builder element(boolean first) {
      if (element == null) {
        element = new Builder();
        firstOnly = first;
      } else {
        firstOnly &= first;
      }
      return element;
    }

    AnswerFields build() {
      if (whole) {
        return WHOLE;
      }
      if (vector) {
        return VECTOR;
      }
      Map<String, AnswerFields> f = new HashMap<>();
      for (Map.Entry<String, Builder> e : fields.entrySet()) {
        f.put(e.getKey(), e.getValue().build());
      }
      return new AnswerFields(false, Map.copyOf(f), element == null ? null : element.build(), firstOnly);
    }
  }
}
