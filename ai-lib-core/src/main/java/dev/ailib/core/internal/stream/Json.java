package dev.ailib.core.internal.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import java.io.IOException;

/** The shared Jackson mapper of the pipeline (thread-safe once configured). */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {
  }

  /**
   * Parses one frame payload.
   *
   * @param where the decoder and frame number, for the error message (built only when the payload is bad)
   * @throws ProtocolException when the payload is not JSON
   */
  static JsonNode parse(ByteBuf buf, int off, int len, java.util.function.Supplier<String> where) {
    try {
      JsonNode node = MAPPER.readTree(buf.data, off, len);
      if (node == null || node.isMissingNode()) {
        throw malformed(buf, off, len, where, "empty payload");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw malformed(buf, off, len, where, e.getOriginalMessage());
    } catch (IOException e) {
      throw malformed(buf, off, len, where, e.getMessage());
    }
  }

  private static ProtocolException malformed(ByteBuf buf, int off, int len, java.util.function.Supplier<String> where,
      String why) {
    int n = Math.min(len, 200);
    String preview = buf.utf8(off, n) + (len > n ? "..." : "");
    return new ProtocolException(StandardErrorCode.UNKNOWN, where.get() + ": payload is not valid JSON (" + why + "): "
        + preview, null, null);
  }

  static String toJson(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize JSON node", e);
    }
  }
}
