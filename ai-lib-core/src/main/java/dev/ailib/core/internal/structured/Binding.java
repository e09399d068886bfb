package dev.ailib.core.internal.structured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.Type;

/**
 * The Jackson mappers that bind answers and tool arguments to the caller's types and write tool results. They differ
 * from the codecs' mapper in purpose: they know {@code Optional} and {@code java.time}, and bind strictly (the
 * schema check runs first) or, for partial values of a streaming answer, leniently.
 */
final class Binding {
  /** Binds checked values; writes tool results. */
  static final ObjectMapper STRICT = JsonMapper.builder()
      .addModule(new Jdk8Module()).addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  /**
   * Binds partial values: what has not arrived is left empty, an enum constant still arriving is null, and
   * properties the type does not know are ignored.
   */
  static final ObjectMapper LENIENT = JsonMapper.builder()
      .addModule(new Jdk8Module()).addModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
      .build();

  private Binding() {
  }

  static JavaType javaType(Type type) {
    return STRICT.getTypeFactory().constructType(type);
  }

  static String write(Object value) {
    try {
      return STRICT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  /** Binds a checked value; fails with Jackson's message when the type's own rules reject it. */
  static Object bind(JsonNode node, JavaType type) throws java.io.IOException {
    return STRICT.readerFor(type).readValue(node);
  }
}
