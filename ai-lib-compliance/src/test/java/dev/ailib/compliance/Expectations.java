package dev.ailib.compliance;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.opentest4j.TestAbortedException;

/**
 * Compares a case's {@code expected} block with what the library produced. Forms (tests/compliance/README.md and
 * NOTES.md 4.2): plain values are equal (numbers by value; objects on the expected keys; lists element by
 * element, lists of plain values in any order); {@code {min, max}} ranges; {@code {assert: equals|contains|
 * length|type|any_of, value|min|max}}; {@code events} as an ordered subsequence of the produced events, each
 * matched on its expected fields; {@code errors} as message substrings ({@code []}: no errors);
 * {@code <key>_contains} as containment in {@code <key>}; {@code must_not_contain} as absence from all output;
 * {@code diagnostic_*} against the library's message; {@code shadowed_envs_must_not_resolve} against
 * {@code source_name}; an object key with dots ({@code arguments.query}, {@code content.0.type}) is a path into the
 * produced object. An expected key the runner cannot produce aborts the case (a visible skip).
 */
final class Expectations {
  private Expectations() {
  }

  static void check(ComplianceCase c, Outcome outcome) {
    List<String> problems = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = c.expected().fields();
    String everything = outcome.actual().toString() + "\n" + (outcome.diagnostic() == null ? "" : outcome.diagnostic());
    String diagnostic = outcome.diagnostic() == null ? "" : outcome.diagnostic();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode want = e.getValue();
      switch (key) {
        case "must_not_contain":
          for (JsonNode s : want) {
            if (everything.contains(s.asText())) {
              problems.add("output contains the secret '" + s.asText() + "'");
            }
          }
          continue;
        case "diagnostic_must_not_contain":
          for (JsonNode s : want) {
            if (diagnostic.contains(s.asText())) {
              problems.add("diagnostic contains '" + s.asText() + "': " + diagnostic);
            }
          }
          continue;
        case "diagnostic_contains":
        case "diagnostic_should_mention":
          for (JsonNode s : want) {
            if (!diagnostic.contains(s.asText())) {
              problems.add(key + ": diagnostic does not mention '" + s.asText() + "': " + diagnostic);
            }
          }
          continue;
        case "shadowed_envs_must_not_resolve": {
          String source = outcome.actual().path("source_name").asText("");
          for (JsonNode s : want) {
            if (s.asText().equals(source)) {
              problems.add("resolved from the shadowed variable " + source);
            }
          }
          continue;
        }
        default:
          break;
      }
      JsonNode got = outcome.actual().get(key);
      if (key.endsWith("_contains") && got == null) {
        got = outcome.actual().get(key.substring(0, key.length() - "_contains".length()));
        if (got == null) {
          problems.add(key + ": the library produced no value, expected " + want);
          continue;
        }
        containment(key, want, got, problems);
        continue;
      }
      if (got == null) {
        // a missing answer is a failure, never a skip: a regression must not hide as "not supported"
        problems.add(key + ": the library produced no value, expected " + want);
        continue;
      }
      if (key.equals("events")) {
        events(want, got, problems);
      } else if (key.equals("errors")) {
        errors(want, got, problems);
      } else {
        match(key, want, got, problems);
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems) + "\nactual: " + outcome.actual() + (outcome.diagnostic() == null ? ""
          : "\ndiagnostic: " + outcome.diagnostic()));
    }
  }

  private static void events(JsonNode want, JsonNode got, List<String> problems) {
    if (want.isObject() && want.has("assert")) {
      explicit("events", want, got, problems);
      return;
    }
    int from = 0;
    for (JsonNode w : want) {
      boolean found = false;
      while (from < got.size() && !found) {
        List<String> p = new ArrayList<>();
        match("event", w, got.get(from), p);
        found = p.isEmpty();
        from++;
      }
      if (!found) {
        problems.add("events: no event matching " + w + " (in order) among " + got);
        return;
      }
    }
  }

  private static void errors(JsonNode want, JsonNode got, List<String> problems) {
    if (want.isObject() && want.has("assert")) {
      explicit("errors", want, got, problems);
      return;
    }
    if (want.isEmpty() && !got.isEmpty()) {
      problems.add("errors: expected none, got " + got);
    }
    for (JsonNode w : want) {
      boolean any = false;
      for (JsonNode g : got) {
        any |= g.asText().contains(w.asText());
      }
      if (!any) {
        problems.add("errors: no error mentions '" + w.asText() + "'; got " + got);
      }
    }
  }

  private static void containment(String key, JsonNode want, JsonNode got, List<String> problems) {
    List<JsonNode> items = new ArrayList<>();
    if (want.isArray()) {
      want.forEach(items::add);
    } else {
      items.add(want);
    }
    for (JsonNode w : items) {
      boolean ok;
      if (w.isObject() && got.isObject()) {
        List<String> p = new ArrayList<>();
        match(key, w, got, p);
        ok = p.isEmpty();
      } else if (got.isArray()) {
        ok = false;
        for (JsonNode g : got) {
          ok |= equal(w, g);
        }
      } else {
        ok = got.asText().contains(w.asText());
      }
      if (!ok) {
        problems.add(key + ": " + got + " does not contain " + w);
      }
    }
  }

  static void match(String path, JsonNode want, JsonNode got, List<String> problems) {
    if (want.isObject() && want.has("assert")) {
      explicit(path, want, got, problems);
      return;
    }
    if (want.isObject() && isRange(want) && got != null && got.isNumber()) {
      BigDecimal v = got.decimalValue();
      if (want.has("min") && v.compareTo(want.get("min").decimalValue()) < 0
          || want.has("max") && v.compareTo(want.get("max").decimalValue()) > 0) {
        problems.add(path + ": " + got + " is outside " + want);
      }
      return;
    }
    if (got == null || got.isMissingNode()) {
      problems.add(path + ": missing, expected " + want);
      return;
    }
    if (want.isObject()) {
      if (!got.isObject()) {
        problems.add(path + ": expected an object " + want + ", got " + got);
        return;
      }
      Iterator<Map.Entry<String, JsonNode>> it = want.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String k = e.getKey();
        if (k.endsWith("_contains") && !got.has(k)) {
          JsonNode base = got.get(k.substring(0, k.length() - "_contains".length()));
          if (base == null) {
            problems.add(path + "." + k + ": nothing to search");
          } else {
            containment(path + "." + k, e.getValue(), base, problems);
          }
          continue;
        }
        match(path + "." + k, e.getValue(), got.has(k) ? got.get(k) : at(got, k), problems);
      }
      return;
    }
    if (want.isArray()) {
      if (!got.isArray() || got.size() != want.size()) {
        problems.add(path + ": expected " + want + ", got " + got);
        return;
      }
      boolean scalars = true;
      for (JsonNode w : want) {
        scalars &= w.isValueNode();
      }
      if (scalars) {
        List<JsonNode> left = new ArrayList<>();
        got.forEach(left::add);
        for (JsonNode w : want) {
          JsonNode hit = null;
          for (JsonNode g : left) {
            if (equal(w, g)) {
              hit = g;
              break;
            }
          }
          if (hit == null) {
            problems.add(path + ": expected " + want + " (any order), got " + got);
            return;
          }
          left.remove(hit);
        }
        return;
      }
      for (int i = 0; i < want.size(); i++) {
        match(path + "[" + i + "]", want.get(i), got.get(i), problems);
      }
      return;
    }
    if (!equal(want, got)) {
      problems.add(path + ": expected " + want + ", got " + got);
    }
  }

  /**
   * The value at a dotted path such as {@code arguments.query} or {@code content.0.type} (a number indexes a list),
   * as the provider-mock cases write their body assertions; null when absent or when the key has no dot.
   */
  static JsonNode at(JsonNode root, String dotted) {
    if (dotted.indexOf('.') < 0) {
      return null;
    }
    JsonNode n = root;
    for (String part : dotted.split("\\.")) {
      if (n == null) {
        return null;
      }
      n = n.isArray() && part.matches("\\d+") ? n.get(Integer.parseInt(part)) : n.get(part);
    }
    return n;
  }

  private static boolean isRange(JsonNode n) {
    if (n.isEmpty()) {
      return false;
    }
    Iterator<String> names = n.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!k.equals("min") && !k.equals("max")) {
        return false;
      }
    }
    return true;
  }

  private static void explicit(String path, JsonNode want, JsonNode got, List<String> problems) {
    String kind = want.get("assert").asText();
    JsonNode value = want.get("value");
    switch (kind) {
      case "equals":
        match(path, value, got, problems);
        break;
      case "contains":
        containment(path, value, got, problems);
        break;
      case "length": {
        int n = got.isTextual() ? got.asText().length() : got.size();
        if (value != null && n != value.asInt() || want.has("min") && n < want.get("min").asInt()
            || want.has("max") && n > want.get("max").asInt()) {
          problems.add(path + ": length " + n + " does not satisfy " + want);
        }
        break;
      }
      case "type": {
        String t = got.isTextual() ? "string" : got.isNumber() ? "number" : got.isBoolean() ? "boolean"
            : got.isArray() ? "array" : got.isObject() ? "object" : "null";
        if (!t.equals(value.asText())) {
          problems.add(path + ": type " + t + ", expected " + value.asText());
        }
        break;
      }
      case "any_of": {
        boolean any = false;
        for (JsonNode v : value) {
          any |= equal(v, got);
        }
        if (!any) {
          problems.add(path + ": " + got + " is none of " + value);
        }
        break;
      }
      default:
        throw new TestAbortedException("assertion form '" + kind + "' not supported yet");
    }
  }

  static boolean equal(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isContainerNode() || b.isContainerNode()) {
      List<String> p = new ArrayList<>();
      match("", a, b, p);
      return p.isEmpty() && a.size() == b.size();
    }
    return a.equals(b);
  }
}
