package dev.ailib.core.internal.structured;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Test helper: whether one partial view is a prefix-consistent predecessor of another. */
final class Prefixes {
  private Prefixes() {
  }

  /** True when everything {@code earlier} shows is in {@code later}: same scalars, strings only grown, lists only longer. */
  static boolean consistent(JsonNode earlier, JsonNode later) {
    if (earlier == null) {
      return true;
    }
    if (later == null) {
      return false;
    }
    if (earlier.isTextual()) {
      return later.isTextual() && later.asText().startsWith(earlier.asText());
    }
    if (earlier.isObject()) {
      if (!later.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = earlier.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!consistent(e.getValue(), later.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (earlier.isArray()) {
      if (!later.isArray() || later.size() < earlier.size()) {
        return false;
      }
      for (int i = 0; i < earlier.size(); i++) {
        if (!consistent(earlier.get(i), later.get(i))) {
          return false;
        }
      }
      return true;
    }
    return earlier.equals(later);
  }
}
