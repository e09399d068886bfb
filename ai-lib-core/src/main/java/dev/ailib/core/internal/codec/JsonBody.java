package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ailib.core.internal.json.CoreJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a request body with Jackson's streaming generator, for bodies of many small values (thousands of texts to
 * embed) where building a tree first would cost one node per value.
 */
final class JsonBody {
  private JsonBody() {
  }

  /** Writes the body's fields into a generator positioned inside the root object. */
  @FunctionalInterface
  interface Fields {
    /**
     * Writes the fields.
     *
     * @param g the generator
     * @throws IOException never in practice (the target is memory)
     */
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * A JSON object written by {@code fields}.
   *
   * @param sizeHint the expected size in bytes
   * @param fields writes the fields
   * @return the UTF-8 bytes
   */
  static byte[] object(int sizeHint, Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, sizeHint));
    try (JsonGenerator g = CoreJson.MAPPER.getFactory().createGenerator(out)) {
      // a caller's parameter named like a field the format writes would make two fields of one name
      g.enable(JsonGenerator.Feature.STRICT_DUPLICATE_DETECTION);
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (com.fasterxml.jackson.core.JsonGenerationException e) {
      throw new dev.ailib.api.error.ProtocolException("a parameter of the request names a field the client writes "
          + "itself (" + firstLine(e.getOriginalMessage()) + "); set it with the builder's own method, or leave it "
          + "out; the request was not sent");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "duplicate field";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * Writes the caller's parameters (after the format's own fields).
   *
   * @param g the generator
   * @param params the parameters with their wire names
   * @throws IOException never in practice
   */
  static void params(JsonGenerator g, java.util.List<WireParam> params) throws IOException {
    for (WireParam p : params) {
      g.writeFieldName(p.wireName() != null ? p.wireName() : p.name());
      CoreJson.MAPPER.writeValue(g, p.value());
    }
  }

  /**
   * Writes an array of strings.
   *
   * @param g the generator
   * @param field the field name
   * @param texts the strings
   * @throws IOException never in practice
   */
  static void strings(JsonGenerator g, String field, java.util.List<String> texts) throws IOException {
    g.writeArrayFieldStart(field);
    for (String t : texts) {
      g.writeString(t);
    }
    g.writeEndArray();
  }

  /** A size hint for a body holding these texts. */
  static int hint(java.util.List<String> texts) {
    long n = 128;
    for (String t : texts) {
      n += t.length() + 4L;
    }
    return (int) Math.min(n, 64L * 1024 * 1024);
  }
}
