package dev.ailib.testkit.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gemini generateContent: the response JSON, {@code streamGenerateContent?alt=sse} (frames end with
 * CRLF CRLF, as Google sends them) and {@code streamGenerateContent} without {@code alt=sse} (one JSON
 * array, streamed element by element).
 */
final class GeminiRenderer extends WireRenderer {

  @Override
  Rendered completion(Reply reply, RenderContext ctx) {
    String id = reply.id() != null ? reply.id() : "fake-" + ctx.sequence();
    String model = reply.model() != null ? reply.model() : ctx.model();
    return ctx.stream() ? streamed(reply, ctx, id, model) : whole(reply, ctx, id, model);
  }

  private Rendered whole(Reply reply, RenderContext ctx, String id, String model) {
    List<Object> parts = new ArrayList<>();
    for (Reply.Part part : reply.parts()) {
      parts.add(part(part, null));
    }
    return json(200, response(parts, reply.finishReasonFor(WireFormat.GEMINI), fullUsage(reply.effectiveUsage()),
        model, id), reply.headers(), ctx, "application/json; charset=UTF-8");
  }

  private Rendered streamed(Reply reply, RenderContext ctx, String id, String model) {
    // one element per text/thinking chunk; consecutive tool calls travel together in one element
    List<List<Object>> elements = new ArrayList<>();
    List<Object> pendingCalls = new ArrayList<>();
    for (Reply.Part part : reply.parts()) {
      if (part instanceof Reply.ToolCall) {
        pendingCalls.add(part(part, null));
        continue;
      }
      if (!pendingCalls.isEmpty()) {
        elements.add(pendingCalls);
        pendingCalls = new ArrayList<>();
      }
      List<String> chunks = part instanceof Reply.Text t ? t.chunks() : ((Reply.Thinking) part).chunks();
      for (String chunk : chunks) {
        elements.add(List.of(part(part, chunk)));
      }
    }
    if (!pendingCalls.isEmpty()) {
      elements.add(pendingCalls);
    }
    Reply.Usage usage = reply.effectiveUsage();
    Map<String, Object> partialUsage = Json.obj("promptTokenCount", usage.inputTokens(),
        "totalTokenCount", usage.inputTokens());
    List<byte[]> events = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      boolean last = i == elements.size() - 1;
      Map<String, Object> body = response(elements.get(i), last ? reply.finishReasonFor(WireFormat.GEMINI) : null,
          last ? fullUsage(usage) : partialUsage, model, id);
      String json = Json.write(body);
      if (ctx.sse()) {
        events.add(Rendered.utf8("data: " + json + "\r\n\r\n"));
      } else {
        events.add(Rendered.utf8((i == 0 ? "[" : ",\r\n") + json + (last ? "]" : "")));
      }
    }
    byte[] malformed = ctx.sse()
        ? Rendered.utf8("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\r\n\r\n")
        : Rendered.utf8(",\r\n{\"candidates\":[{\"content\":");
    String contentType = ctx.sse() ? "text/event-stream" : "application/json; charset=UTF-8";
    return stream(events, malformed, reply, ctx, contentType);
  }

  @Override
  byte[] streamErrorFrame(String errorBody, int afterEvents, RenderContext ctx) {
    if (ctx.sse()) {
      return Rendered.utf8("data: " + errorBody + "\r\n\r\n");
    }
    return Rendered.utf8((afterEvents == 0 ? "[" : ",\r\n") + errorBody + "]");
  }

  private static Map<String, Object> part(Reply.Part part, String chunk) {
    if (part instanceof Reply.Text t) {
      return Json.obj("text", chunk != null ? chunk : t.text());
    }
    if (part instanceof Reply.Thinking t) {
      return Json.obj("text", chunk != null ? chunk : t.text(), "thought", true);
    }
    Reply.ToolCall c = (Reply.ToolCall) part;
    Map<String, Object> p = Json.obj("functionCall", Json.obj("name", c.name(),
        "args", Json.argumentsValue(c.argumentsJson())));
    if (c.thoughtSignature() != null) {
      p.put("thoughtSignature", c.thoughtSignature()); // the Part's field, beside functionCall
    }
    return p;
  }

  private static Map<String, Object> response(List<Object> parts, String finishReason, Map<String, Object> usage,
      String model, String id) {
    Map<String, Object> candidate = Json.obj("content", Json.obj("parts", parts, "role", "model"));
    if (finishReason != null) {
      candidate.put("finishReason", finishReason);
    }
    candidate.put("index", 0);
    return Json.obj("candidates", List.of(candidate), "usageMetadata", usage, "modelVersion", model,
        "responseId", id);
  }

  /** {@code {"totalTokens": n, "promptTokensDetails": [...]}}, as models.countTokens answers. */
  @Override
  Rendered tokenCount(int tokens, RenderContext ctx) {
    return json(200, Json.obj("totalTokens", tokens, "promptTokensDetails",
        List.of(Json.obj("modality", "TEXT", "tokenCount", tokens))), List.of(), ctx, "application/json");
  }

  private static Map<String, Object> fullUsage(Reply.Usage u) {
    Map<String, Object> m = Json.obj("promptTokenCount", u.inputTokens(), "candidatesTokenCount", u.outputTokens(),
        "totalTokenCount", u.inputTokens() + u.outputTokens() + u.reasoningTokens());
    if (u.cachedTokens() > 0) {
      m.put("cachedContentTokenCount", u.cachedTokens());
    }
    if (u.reasoningTokens() > 0) {
      m.put("thoughtsTokenCount", u.reasoningTokens());
    }
    return m;
  }

  private static final String[][] ERRORS = {
      {"400", "INVALID_ARGUMENT", "Request contains an invalid argument."},
      {"401", "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token,"
          + " login cookie or other valid authentication credential."},
      {"403", "PERMISSION_DENIED", "The caller does not have permission"},
      {"404", "NOT_FOUND", "models/unknown is not found for API version v1beta, or is not supported for"
          + " generateContent."},
      {"429", "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."},
      {"500", "INTERNAL", "An internal error has occurred. Please retry or report in"
          + " https://developers.generativeai.google/guide/troubleshooting"},
      {"503", "UNAVAILABLE", "The model is overloaded. Please try again later."},
      {"504", "DEADLINE_EXCEEDED", "The request timed out. Please try again."},
  };

  @Override
  String errorBody(int status, String code, String message, RenderContext ctx) {
    String[] d = defaults(ERRORS, status, new String[] {status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION",
        "HTTP " + status + " error."});
    String text = message != null ? message
        : status == 404 ? "models/" + ctx.model() + " is not found for API version v1beta, or is not supported"
            + " for generateContent." : d[1];
    return Json.write(Json.obj("error", Json.obj("code", status, "message", text,
        "status", code != null ? code : d[0])));
  }
}
