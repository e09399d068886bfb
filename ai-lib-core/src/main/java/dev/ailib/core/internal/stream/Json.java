package dev.ailib.core.internal.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.json.CoreJson;
import java.io.IOException;

/** Frame payload parsing with the engine's one mapper ({@link CoreJson}, with its read constraints). */
final class Json {
  static final ObjectMapper MAPPER = CoreJson.MAPPER;

  private Json() {
  }

  /**
   * Parses one frame payload.
   *
   * @param where the decoder and frame number, for the error message (built only when the payload is bad)
   * @throws ProtocolException ({@code server_error}, as a malformed non-streaming body) when the payload is not
   *     JSON or exceeds a read constraint; the message quotes the payload's start, which the stream session
   *     redacts
   */
  static JsonNode parse(ByteBuf buf, int off, int len, java.util.function.Supplier<String> where) {
    try {
      JsonNode node = MAPPER.readTree(buf.data, off, len);
      if (node == null || node.isMissingNode()) {
        throw malformed(buf, off, len, where, "is empty", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw malformed(buf, off, len, where, CoreJson.reason(e), e);
    } catch (IOException e) {
      throw malformed(buf, off, len, where, CoreJson.reason(e), e);
    }
  }

  private static ProtocolException malformed(ByteBuf buf, int off, int len, java.util.function.Supplier<String> where,
      String why, Exception cause) {
    int n = Math.min(len, 200);
    String preview = buf.utf8(off, n) + (len > n ? "..." : "");
    // the cause stays off the exception: Jackson's own message quotes the payload without the session's redaction
    return new ProtocolException(StandardErrorCode.SERVER_ERROR, where.get() + ": payload " + why + " (starts with: "
        + preview + ")", null, null);
  }

  static String toJson(JsonNode node) {
    return CoreJson.write(node);
  }
}
