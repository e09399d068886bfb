package dev.ailib.core.spi.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Immutable HTTP headers: names compared without case, order of first appearance kept. {@link #toString()}
 * masks credential headers (Authorization, x-api-key, api-key, x-goog-api-key, cookies and any name
 * containing "key", "token" or "secret").
 */
public final class HttpHeaders {
  /** No headers. */
  public static final HttpHeaders EMPTY = new HttpHeaders(Map.of());

  private final Map<String, List<String>> byLowerName;
  private final Map<String, String> originalNames;

  private HttpHeaders(Map<String, List<String>> source) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : source.entrySet()) {
      if (e.getKey() == null) {
        continue; // status line pseudo-header of some stacks
      }
      String lower = e.getKey().toLowerCase(Locale.ROOT);
      names.putIfAbsent(lower, e.getKey());
      List<String> earlier = m.get(lower);
      if (earlier == null) {
        m.put(lower, List.copyOf(e.getValue())); // the usual case: one entry per name, copied once
      } else {
        List<String> merged = new ArrayList<>(earlier);
        merged.addAll(e.getValue());
        m.put(lower, List.copyOf(merged));
      }
    }
    this.byLowerName = Collections.unmodifiableMap(m);
    this.originalNames = Collections.unmodifiableMap(names);
  }

  /**
   * Headers from a multi-map.
   *
   * @param map name to values
   * @return the headers
   */
  public static HttpHeaders of(Map<String, List<String>> map) {
    return map.isEmpty() ? EMPTY : new HttpHeaders(map);
  }

  /**
   * Headers from name/value pairs.
   *
   * @param namesAndValues name, value, name, value, ...
   * @return the headers
   */
  public static HttpHeaders of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
    }
    return of(m);
  }

  /**
   * The first value of a header.
   *
   * @param name the name, any case
   * @return the value
   */
  public Optional<String> first(String name) {
    List<String> v = byLowerName.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * All values of a header.
   *
   * @param name the name, any case
   * @return the values, maybe empty
   */
  public List<String> all(String name) {
    return byLowerName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The names as first given. */
  public Set<String> names() {
    return new java.util.LinkedHashSet<>(originalNames.values());
  }

  /** As a map from the names as first given to their values. */
  public Map<String, List<String>> toMap() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    byLowerName.forEach((k, v) -> m.put(originalNames.get(k), v));
    return m;
  }

  /**
   * These headers with one header set (replacing any values it had).
   *
   * @param name the name
   * @param value the value
   * @return new headers
   */
  public HttpHeaders with(String name, String value) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    String lower = name.toLowerCase(Locale.ROOT);
    byLowerName.forEach((k, v) -> {
      if (!k.equals(lower)) {
        m.put(originalNames.get(k), v);
      }
    });
    m.put(name, List.of(value));
    return of(m);
  }

  /**
   * Whether a header name carries a credential and must never be printed.
   *
   * @param name the name
   * @return true for credential headers
   */
  public static boolean isSensitive(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("authorization") || n.equals("proxy-authorization") || n.equals("cookie") || n.equals("set-cookie")
        || n.contains("key") || n.contains("token") || n.contains("secret");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpHeaders h && h.byLowerName.equals(byLowerName);
  }

  @Override
  public int hashCode() {
    return byLowerName.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    originalNames.forEach((lower, name) -> {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append(name).append('=').append(isSensitive(name) ? "[redacted]" : byLowerName.get(lower));
    });
    return b.append('}').toString();
  }
}
