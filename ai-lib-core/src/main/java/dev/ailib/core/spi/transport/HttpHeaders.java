package dev.ailib.core.spi.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

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
   * Runs an action for each header, in order, with its name as first given and all its values; copies nothing
   * (transports use it to hand headers to their client).
   *
   * @param action receives each name and its values
   */
  public void forEach(BiConsumer<String, List<String>> action) {
    originalNames.forEach((lower, name) -> action.accept(name, byLowerName.get(lower)));
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

  /**
   * Where a header name breaks HTTP's rules: a name is a non-empty token (letters, digits and
   * {@code !#$%&'*+-.^_`|~}, RFC 9110 section 5.6.2), so no space, colon, CR, LF or other control character.
   *
   * @param name the name
   * @return the index of the first character not allowed (0 for an empty name), or -1 when the name is valid
   */
  public static int invalidNameIndex(String name) {
    if (name.isEmpty()) {
      return 0;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || (c < 128 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
      if (!token) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Where a request header value has a character that cannot be sent as it is: this library sends visible US-ASCII,
   * space and tab only. CR and LF would end the header (header injection), NUL and other control characters are
   * refused by servers and by the JDK client, and characters beyond ASCII are sent differently (or rewritten) by
   * different HTTP clients.
   *
   * @param value the value
   * @return the index of the first character not allowed, or -1 when the value can be sent
   */
  public static int invalidValueIndex(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c > 0x7e) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Names a character of a text without showing the text: for messages about values that may be secret.
   *
   * @param text the text
   * @param index the character's index
   * @return such as {@code U+000A at position 7 of 40}
   */
  public static String describeChar(String text, int index) {
    int cp = text.codePointAt(index);
    return String.format(Locale.ROOT, "U+%04X at position %d of %d", cp, index + 1, text.length());
  }

  /**
   * A header name fit for a message: characters outside visible ASCII are escaped, so a name with CR or LF
   * cannot forge a log line.
   *
   * @param name the name
   * @return printable text
   */
  public static String printable(String name) {
    StringBuilder b = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\n') {
        b.append("\\n");
      } else {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return b.toString();
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
