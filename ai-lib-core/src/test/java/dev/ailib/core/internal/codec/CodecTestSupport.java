package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ailib.api.ChatRequest;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

final class CodecTestSupport {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private CodecTestSupport() {
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode encode(WireCodec codec, ChatRequest r, ProviderManifest m, String model, List<WireParam> params,
      boolean stream) {
    try {
      return MAPPER.readTree(codec.encode(new EncodeInput(r, model, params, stream, m, m.model(model).orElse(null))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ChatRequest request(List<dev.ailib.api.Message> messages) {
    return new ChatRequest(messages, null, null, null, null, null, null, null, null);
  }
}
