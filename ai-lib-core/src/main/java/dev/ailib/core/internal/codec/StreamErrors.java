package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.ProviderManifest;

/** Turns an error frame inside a stream into a StreamError event classified by the manifest's error codes. */
final class StreamErrors {
  private StreamErrors() {
  }

  static StreamingEvent.StreamError of(JsonNode error, ProviderManifest m) {
    String providerCode = null;
    StandardErrorCode code = null;
    for (String field : new String[] {"code", "type", "status"}) {
      JsonNode v = error.get(field);
      if (v != null && (v.isTextual() || v.isNumber())) {
        if (providerCode == null) {
          providerCode = v.asText();
        }
        StandardErrorCode c = m.errors().byErrorCode().get(v.asText());
        if (c != null) {
          code = c;
          providerCode = v.asText();
          break;
        }
      }
    }
    if (code == null) {
      code = StandardErrorCode.SERVER_ERROR;
    }
    String message = error.path("message").asText("");
    return new StreamingEvent.StreamError(new RemoteException(code, "error inside the stream from provider '" + m.id()
        + "': " + code + (providerCode == null ? "" : ", provider code " + providerCode)
        + (message.isEmpty() ? "" : ": " + message), -1, providerCode, null, null));
  }
}
