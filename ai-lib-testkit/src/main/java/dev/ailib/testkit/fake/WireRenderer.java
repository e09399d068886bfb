package dev.ailib.testkit.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders replies in one wire format. One implementation per {@link WireFormat}. */
abstract class WireRenderer {

  static WireRenderer of(WireFormat format) {
    return switch (format) {
      case OPENAI_CHAT -> new OpenAiRenderer();
      case OPENAI_RESPONSES -> new ResponsesRenderer();
      case ANTHROPIC_MESSAGES -> new AnthropicRenderer();
      case GEMINI -> new GeminiRenderer();
      case COHERE_V2 -> new CohereRenderer();
    };
  }

  /** Renders a completion reply, JSON or streamed as the context says. */
  abstract Rendered completion(Reply reply, RenderContext ctx);

  /**
   * The answer of this format's token-counting endpoint.
   *
   * @param tokens the count
   * @param ctx the request
   * @return the response, or null when the format has no counting endpoint
   */
  Rendered tokenCount(int tokens, RenderContext ctx) {
    return null;
  }

  /** The provider-style error body for this status, with optional code and message overrides. */
  abstract String errorBody(int status, String code, String message, RenderContext ctx);

  /** The in-stream error frame carrying this error body. */
  abstract byte[] streamErrorFrame(String errorBody, int afterEvents, RenderContext ctx);

  /** Headers every response of this format carries (request ids). */
  List<Map.Entry<String, String>> standardHeaders(RenderContext ctx) {
    return List.of();
  }

  /** Renders an error reply. */
  final Rendered error(Reply reply, RenderContext ctx) {
    String body = reply.errorBody() != null ? reply.errorBody()
        : errorBody(reply.status(), reply.errorCode(), reply.errorMessage(), ctx);
    return error(reply.status(), body, reply.headers(), ctx);
  }

  final Rendered error(int status, String body, List<Map.Entry<String, String>> extraHeaders,
      RenderContext ctx) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Type", "application/json"));
    headers.addAll(standardHeaders(ctx));
    headers.addAll(extraHeaders);
    byte[] bytes = Rendered.utf8(body);
    return new Rendered(status, headers, false, List.of(bytes), truncated(bytes), null);
  }

  /** A JSON (non-streamed) response. */
  final Rendered json(int status, Object body, List<Map.Entry<String, String>> extraHeaders, RenderContext ctx,
      String contentType) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Type", contentType));
    headers.addAll(standardHeaders(ctx));
    headers.addAll(extraHeaders);
    byte[] bytes = Rendered.utf8(Json.write(body));
    return new Rendered(status, headers, false, List.of(bytes), truncated(bytes), null);
  }

  /** A streamed response. */
  final Rendered stream(List<byte[]> events, byte[] malformed, Reply reply, RenderContext ctx, String contentType) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Type", contentType));
    headers.add(Map.entry("Cache-Control", "no-cache"));
    headers.addAll(standardHeaders(ctx));
    headers.addAll(reply.headers());
    int errorStatus = reply.faults().streamErrorStatus();
    byte[] errorFrame = reply.faults().streamErrorAfterEvents() >= 0
        ? streamErrorFrame(errorBody(errorStatus, null, null, ctx), reply.faults().streamErrorAfterEvents(), ctx)
        : null;
    return new Rendered(200, headers, true, events, malformed, errorFrame);
  }

  static byte[] truncated(byte[] body) {
    byte[] half = new byte[Math.max(1, body.length / 2)];
    System.arraycopy(body, 0, half, 0, Math.min(half.length, body.length));
    return half;
  }

  /** Standard message and provider code for a status: {code, message}. */
  static String[] defaults(String[][] table, int status, String[] fallback) {
    for (String[] row : table) {
      if (Integer.parseInt(row[0]) == status) {
        return new String[] {row[1], row[2]};
      }
    }
    return fallback;
  }
}
