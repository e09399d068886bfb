package dev.ailib.core.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;

/** Turns one frame's payload bytes into the JSON a stream session reads. One per stream; not thread-safe. */
interface FrameReader {

  /** Builds the whole payload ({@link Json#parse}): what decoders used alone (the compliance runner) get. */
  FrameReader WHOLE = Json::parse;

  /**
   * Parses one payload.
   *
   * @param buf holds the payload
   * @param off its first byte
   * @param len its length
   * @param where the decoder and frame number, for the error message
   * @return the JSON
   * @throws dev.ailib.api.error.ProtocolException ({@code server_error}) when the payload is not JSON or exceeds a
   *     read constraint
   */
  JsonNode read(ByteBuf buf, int off, int len, Supplier<String> where);
}
