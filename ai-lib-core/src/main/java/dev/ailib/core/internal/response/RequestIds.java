package dev.ailib.core.internal.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.core.spi.transport.HttpHeaders;
import java.util.Locale;

/**
 * The provider's id of one request, for support tickets: the {@code x-request-id} header (OpenAI and most others),
 * {@code request-id} (Anthropic), any other header whose name ends in {@code request-id}
 * ({@code x-goog-request-id}, ...), else the body's top-level {@code request_id} (Anthropic error bodies and
 * error frames).
 */
public final class RequestIds {
  private RequestIds() {
  }

  /**
   * The request id a response's headers carry.
   *
   * @param headers the response headers, may be null
   * @return the id, or null
   */
  public static String fromHeaders(HttpHeaders headers) {
    if (headers == null) {
      return null;
    }
    String id = headers.first("x-request-id").or(() -> headers.first("request-id")).orElse(null);
    if (id != null) {
      return id;
    }
    for (String name : headers.names()) {
      if (name.toLowerCase(Locale.ROOT).endsWith("request-id")) {
        return headers.first(name).orElse(null);
      }
    }
    return null;
  }

  /**
   * The request id an error body or frame carries.
   *
   * @param body the body (or frame), may be null
   * @return the id, or null
   */
  public static String fromBody(JsonNode body) {
    JsonNode id = body == null ? null : body.get("request_id");
    return id != null && id.isTextual() && !id.textValue().isBlank() ? id.textValue() : null;
  }
}
