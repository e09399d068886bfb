package dev.ailib.core.internal.stream;

import dev.ailib.core.internal.expression.JsonPath;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a stream frame a pipeline can read: the union of every path its rules, selector, stop condition,
 * accumulator and candidate settings name ({@link JsonPath#projection()}). {@link FrameReader} builds only these
 * parts of each frame and skips the rest without building it (ids, model names, fingerprints, log probabilities: on
 * an OpenAI chunk most of the bytes), so a frame costs the nodes the rules look at. A shape always covers at least
 * what the paths read; where unsure (a filter, a wildcard) it keeps the whole value. Immutable.
 */
final class FrameShape {
  /** Keep this value whole. */
  static final FrameShape WHOLE = new FrameShape(true, Map.of(), null);

  private final boolean whole;
  private final Map<String, FrameShape> fields;
  /** The shape of any element of an array or any value of an object, or null when none is read. */
  private final FrameShape any;

  private FrameShape(boolean whole, Map<String, FrameShape> fields, FrameShape any) {
    this.whole = whole;
    this.fields = fields;
    this.any = any;
  }

  /**
   * The shape that reads what all these paths read. No path means nothing is read but the root's kind; a path
   * with no steps ({@code $}) reads the whole frame.
   *
   * @param paths the paths
   * @return the shape
   */
  static FrameShape of(Collection<JsonPath> paths) {
    Builder root = new Builder();
    for (JsonPath p : paths) {
      List<String> steps = p.projection();
      Builder at = root;
      for (String step : steps) {
        at = step == null ? at.any() : at.field(step);
      }
      at.whole = true;
    }
    return root.build();
  }

  /**
   * The initial capacity for the map of an object of this shape: room for its named fields without a resize (a
   * default map has room for 12), or the default when any field may be read.
   */
  int objectCapacity() {
    return whole || any != null ? 16 : fields.size() * 4 / 3 + 1;
  }

  /** Whether the value is built whole. */
  boolean whole() {
    return whole;
  }

  /** The shape of a field of an object, or null when nothing reads it. */
  FrameShape field(String name) {
    if (whole) {
      return WHOLE;
    }
    FrameShape f = fields.get(name);
    return f != null ? f : any;
  }

  /**
   * The shape of the elements of an array, or null when nothing reads them (named steps reach nothing on an array;
   * all-digit ones are listed as "any element").
   */
  FrameShape element() {
    return whole ? WHOLE : any;
  }

  @Override
  public String toString() {
    if (whole) {
      return "*whole*";
    }
    return "{" + fields + (any == null ? "" : ", any=" + any) + "}";
  }

  private static final class Builder {
    boolean whole;
    final Map<String, Builder> fields = new HashMap<>();
    Builder any;

    Builder field(String name) {
      return fields.computeIfAbsent(name, n -> new Builder());
    }

    Builder any() {
      if (any == null) {
        any = new Builder();
      }
      return any;
    }

    FrameShape build() {
      if (whole) {
        return WHOLE;
      }
      Map<String, FrameShape> f = new HashMap<>();
      for (Map.Entry<String, Builder> e : fields.entrySet()) {
        f.put(e.getKey(), e.getValue().build());
      }
      FrameShape a = any == null ? null : any.build();
      return new FrameShape(false, Map.copyOf(f), a);
    }
  }
}
