package dev.ailib.core.internal.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.core.internal.json.CoreJson;

/** Test JSON with single quotes for readability. */
final class Json {
  private Json() {
  }

  static JsonNode json(String s) {
    try {
      return CoreJson.MAPPER.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
