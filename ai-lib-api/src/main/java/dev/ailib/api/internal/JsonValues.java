package dev.ailib.api.internal;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks and copies the JSON-like values callers give (request parameters, schemas as maps): {@code null},
 * {@link String}, {@link Boolean}, a finite {@link Integer}, {@link Long}, {@link Short}, {@link Byte},
 * {@link Double}, {@link Float}, {@link BigInteger} or {@link BigDecimal}, a {@link Map} with {@link String} keys,
 * a {@link Collection} or an array of such values, nested at most {@value #MAX_DEPTH} levels and never containing
 * itself. Anything else fails at once with an {@link IllegalArgumentException} naming the value, where in it the
 * problem is (a path such as {@code $.filters[2]}) and the type found, instead of a JSON library's exception or a
 * {@link StackOverflowError} when the request is encoded. Written here because the API module depends on the JDK
 * only; the walk recurses at most {@value #MAX_DEPTH} levels deep, so no value can exhaust the stack.
 */
public final class JsonValues {
  /** The deepest nesting of maps, lists and arrays accepted. */
  public static final int MAX_DEPTH = 100;

  private static final String KINDS = "a String, Number, Boolean, null, List, array or a Map with String keys";

  private JsonValues() {
  }

  /**
   * Checks a value and copies it into unmodifiable maps ({@link LinkedHashMap} order) and lists; arrays become lists.
   *
   * @param what what the value is, for the message, such as {@code param 'seed'}
   * @param value the value
   * @return the copy
   * @throws IllegalArgumentException when the value is not JSON-like, too deep or contains itself
   */
  public static Object copy(String what, Object value) {
    return new Walk(what, true).visit(value, "$", 0);
  }

  /**
   * Checks a value without copying it.
   *
   * @param what what the value is, for the message
   * @param value the value
   * @throws IllegalArgumentException when the value is not JSON-like, too deep or contains itself
   */
  public static void check(String what, Object value) {
    new Walk(what, false).visit(value, "$", 0);
  }

  private static final class Walk {
    private final String what;
    private final boolean copy;
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());

    Walk(String what, boolean copy) {
      this.what = what;
      this.copy = copy;
    }

    Object visit(Object v, String where, int depth) {
      if (v == null || v instanceof String || v instanceof Boolean) {
        return v;
      }
      if (v instanceof Number n) {
        return number(n, where);
      }
      boolean container = v instanceof Map || v instanceof Collection || v.getClass().isArray();
      if (!container) {
        throw fail(where, "is a " + v.getClass().getName() + ", which is not a JSON value: use " + KINDS);
      }
      if (depth >= MAX_DEPTH) {
        throw fail(where, "is nested deeper than " + MAX_DEPTH + " levels");
      }
      if (!open.add(v)) {
        throw fail(where, "contains itself (a map, list or array that holds a reference to one that holds it)");
      }
      try {
        if (v instanceof Map<?, ?> m) {
          return map(m, where, depth);
        }
        if (v instanceof Collection<?> c) {
          List<Object> out = copy ? new ArrayList<>(c.size()) : null;
          int i = 0;
          for (Object element : c) {
            Object e = visit(element, where + "[" + i++ + "]", depth + 1);
            if (out != null) {
              out.add(e);
            }
          }
          return out == null ? v : Collections.unmodifiableList(out);
        }
        int length = Array.getLength(v);
        List<Object> out = copy ? new ArrayList<>(length) : null;
        for (int i = 0; i < length; i++) {
          Object e = visit(Array.get(v, i), where + "[" + i + "]", depth + 1);
          if (out != null) {
            out.add(e);
          }
        }
        return out == null ? v : Collections.unmodifiableList(out);
      } finally {
        open.remove(v);
      }
    }

    private Object map(Map<?, ?> m, String where, int depth) {
      Map<String, Object> out = copy ? new LinkedHashMap<>() : null;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw fail(where, "has the key " + e.getKey() + (e.getKey() == null ? "" : " (a " + e.getKey().getClass()
              .getName() + ")") + ": JSON object keys are Strings");
        }
        Object value = visit(e.getValue(), where + "." + key, depth + 1);
        if (out != null) {
          out.put(key, value);
        }
      }
      return out == null ? m : Collections.unmodifiableMap(out);
    }

    private Object number(Number n, String where) {
      if (n instanceof Double || n instanceof Float) {
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw fail(where, "is " + n + ": JSON numbers are finite");
        }
        return n;
      }
      if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
          || n instanceof BigInteger || n instanceof BigDecimal) {
        return n;
      }
      throw fail(where, "is a " + n.getClass().getName() + ", which is not a JSON value: use Integer, Long, Double, "
          + "BigInteger or BigDecimal");
    }

    private IllegalArgumentException fail(String where, String problem) {
      String shown = where.length() <= 80 ? where : where.substring(0, 50) + "..." + where.substring(where.length() - 20);
      return new IllegalArgumentException(what + ("$".equals(where) ? " " : " at " + shown + " ") + problem);
    }
  }
}
