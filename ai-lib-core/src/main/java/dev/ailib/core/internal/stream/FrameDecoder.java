package dev.ailib.core.internal.stream;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.StreamingSpec;

/**
 * Turns a provider's response bytes into frames, incrementally: bytes may arrive in chunks of any size,
 * split anywhere (inside a line, a CRLF pair or a multi-byte UTF-8 character). One instance per stream;
 * not thread-safe.
 */
public interface FrameDecoder {

  /**
   * Decodes a chunk. Frames completed by this chunk go to the sink, in order.
   *
   * @param chunk the bytes
   * @param off the first byte
   * @param len how many bytes
   * @param sink receives frames
   * @throws ProtocolException when a line or frame exceeds the limits or a payload is not JSON
   */
  void feed(byte[] chunk, int off, int len, FrameSink sink);

  /**
   * The input ended: flushes a last frame that was not terminated.
   *
   * @param sink receives frames
   */
  void end(FrameSink sink);

  /** Whether the provider's done signal arrived (later bytes are ignored). */
  boolean doneReceived();

  /** How many frames were produced so far. */
  int frameCount();

  /**
   * Creates the decoder a manifest's decoder section asks for: formats ending in {@code sse} (and
   * {@code data_lines}) are Server-Sent Events; {@code ndjson} / {@code jsonl} are newline-delimited JSON;
   * {@code json_array} and other formats ending in {@code json} are a streamed JSON array.
   *
   * @param spec the decoder section
   * @param limits size bounds
   * @return a new decoder for one stream
   * @throws ProtocolException naming the format when it is unknown
   */
  static FrameDecoder create(StreamingSpec.DecoderSpec spec, DecoderLimits limits) {
    return Decoders.create(spec, limits, FrameReader.WHOLE);
  }
}
