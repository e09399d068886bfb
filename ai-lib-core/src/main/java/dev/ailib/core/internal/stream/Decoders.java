package dev.ailib.core.internal.stream;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.StreamingSpec;
import java.util.Locale;

/** Picks the decoder of a manifest's decoder section (see {@link FrameDecoder#create}). */
final class Decoders {
  private Decoders() {
  }

  /**
   * The decoder a manifest's decoder section asks for, parsing payloads with {@code reader}.
   *
   * @throws ProtocolException naming the format when it is unknown
   */
  static FrameDecoder create(StreamingSpec.DecoderSpec spec, DecoderLimits limits, FrameReader reader) {
    String format = spec.format().trim().toLowerCase(Locale.ROOT);
    if (format.equals("ndjson") || format.equals("jsonl") || format.equals("json_lines")) {
      return new NdjsonDecoder(limits, reader);
    }
    if (format.endsWith("sse") || format.equals("data_lines") || format.equals("sse_data_lines")
        || format.equals("event_stream")) {
      return new SseDecoder(spec.doneSignal(), limits, reader);
    }
    if (format.endsWith("json") || format.equals("json_array")) {
      return new JsonArrayDecoder(limits, reader);
    }
    throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "streaming.decoder.format: unknown format '"
        + spec.format() + "' (known: sse and *_sse, ndjson, json_array and *_json)", null, null);
  }
}
