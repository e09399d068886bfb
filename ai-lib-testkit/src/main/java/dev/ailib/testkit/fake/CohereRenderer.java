package dev.ailib.testkit.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cohere's v2 chat ({@code POST .../v2/chat}): the chat response JSON ({@code id}, {@code finish_reason},
 * {@code message} with {@code content} parts, {@code tool_plan} and {@code tool_calls}, {@code usage} with
 * {@code billed_units} and {@code tokens}) and the named-event stream ({@code message-start},
 * {@code content-start/delta/end}, {@code tool-plan-delta}, {@code tool-call-start/delta/end}, {@code message-end}
 * with the finish reason and usage), as Cohere's API reference shows them. Thinking parts are the
 * {@code tool_plan} of a reply that calls tools and {@code thinking} content otherwise. Error bodies are
 * {@code {"id", "message"}}.
 */
final class CohereRenderer extends WireRenderer {

  @Override
  Rendered completion(Reply reply, RenderContext ctx) {
    String id = reply.id() != null ? reply.id() : "fake-" + ctx.sequence();
    return ctx.stream() ? streamed(reply, ctx, id) : whole(reply, ctx, id);
  }

  private Rendered whole(Reply reply, RenderContext ctx, String id) {
    boolean calls = reply.hasToolCalls();
    List<Object> content = new ArrayList<>();
    StringBuilder plan = new StringBuilder();
    List<Object> toolCalls = new ArrayList<>();
    for (Reply.Part part : reply.parts()) {
      if (part instanceof Reply.Text t) {
        content.add(Json.obj("type", "text", "text", t.text()));
      } else if (part instanceof Reply.Thinking t) {
        if (calls) {
          plan.append(t.text());
        } else {
          content.add(Json.obj("type", "thinking", "thinking", t.text()));
        }
      } else if (part instanceof Reply.ToolCall c) {
        toolCalls.add(call(c, c.argumentsJson()));
      }
    }
    Map<String, Object> message = Json.obj("role", "assistant");
    if (plan.length() > 0) {
      message.put("tool_plan", plan.toString());
    }
    if (!toolCalls.isEmpty()) {
      message.put("tool_calls", toolCalls);
    }
    if (!content.isEmpty()) {
      message.put("content", content);
    }
    Map<String, Object> body = Json.obj("id", id, "message", message,
        "finish_reason", reply.finishReasonFor(WireFormat.COHERE_V2), "usage", usage(reply.effectiveUsage()));
    return json(200, body, reply.headers(), ctx, "application/json");
  }

  private Rendered streamed(Reply reply, RenderContext ctx, String id) {
    boolean calls = reply.hasToolCalls();
    List<byte[]> events = new ArrayList<>();
    events.add(event("message-start", Json.obj("id", id, "type", "message-start", "delta", Json.obj("message",
        Json.obj("role", "assistant", "content", List.of(), "tool_plan", "", "tool_calls", List.of(),
            "citations", List.of())))));
    int contentIndex = 0;
    int toolIndex = 0;
    for (Reply.Part part : reply.parts()) {
      if (part instanceof Reply.Thinking t && calls) {
        for (String c : t.chunks()) {
          events.add(event("tool-plan-delta", Json.obj("type", "tool-plan-delta",
              "delta", Json.obj("message", Json.obj("tool_plan", c)))));
        }
      } else if (part instanceof Reply.Text || part instanceof Reply.Thinking) {
        boolean thinking = part instanceof Reply.Thinking;
        String kind = thinking ? "thinking" : "text";
        List<String> chunks = thinking ? ((Reply.Thinking) part).chunks() : ((Reply.Text) part).chunks();
        events.add(event("content-start", Json.obj("type", "content-start", "index", contentIndex,
            "delta", Json.obj("message", Json.obj("content", Json.obj("type", kind, kind, ""))))));
        for (String c : chunks) {
          events.add(event("content-delta", Json.obj("type", "content-delta", "index", contentIndex,
              "delta", Json.obj("message", Json.obj("content", Json.obj(kind, c))))));
        }
        events.add(event("content-end", Json.obj("type", "content-end", "index", contentIndex)));
        contentIndex++;
      } else if (part instanceof Reply.ToolCall c) {
        events.add(event("tool-call-start", Json.obj("type", "tool-call-start", "index", toolIndex,
            "delta", Json.obj("message", Json.obj("tool_calls", call(c, ""))))));
        for (String fragment : c.argumentChunks()) {
          events.add(event("tool-call-delta", Json.obj("type", "tool-call-delta", "index", toolIndex,
              "delta", Json.obj("message", Json.obj("tool_calls", Json.obj("function",
                  Json.obj("arguments", fragment)))))));
        }
        events.add(event("tool-call-end", Json.obj("type", "tool-call-end", "index", toolIndex)));
        toolIndex++;
      }
    }
    events.add(event("message-end", Json.obj("type", "message-end", "id", id, "delta", Json.obj(
        "finish_reason", reply.finishReasonFor(WireFormat.COHERE_V2), "usage", usage(reply.effectiveUsage())))));
    byte[] malformed = Rendered.utf8("event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,"
        + "\"delta\":{\"message\":{\"content\":{\"text\":\"\n\n");
    return stream(events, malformed, reply, ctx, "text/event-stream");
  }

  private static Map<String, Object> call(Reply.ToolCall c, String arguments) {
    return Json.obj("id", c.id(), "type", "function", "function", Json.obj("name", c.name(), "arguments", arguments));
  }

  /** An error inside the stream: a {@code message-end} whose delta carries the error text. */
  @Override
  byte[] streamErrorFrame(String errorBody, int afterEvents, RenderContext ctx) {
    Object parsed = Json.parse(errorBody);
    Object message = parsed instanceof Map<?, ?> m ? m.get("message") : errorBody;
    return event("message-end", Json.obj("type", "message-end", "delta",
        Json.obj("finish_reason", "ERROR", "error", message)));
  }

  private static byte[] event(String name, Object data) {
    return Rendered.utf8("event: " + name + "\ndata: " + Json.write(data) + "\n\n");
  }

  private static Map<String, Object> usage(Reply.Usage u) {
    Map<String, Object> usage = Json.obj("billed_units", Json.obj("input_tokens", u.inputTokens(),
        "output_tokens", u.outputTokens()), "tokens", Json.obj("input_tokens", u.inputTokens(),
        "output_tokens", u.outputTokens()));
    if (u.cachedTokens() > 0) {
      usage.put("cached_tokens", u.cachedTokens());
    }
    return usage;
  }

  private static final String[][] ERRORS = {
      {"400", "", "invalid request: the request body could not be processed"},
      {"401", "", "invalid api token"},
      {"403", "", "You do not have permission to access this resource."},
      {"404", "", "model was not found, make sure the correct model ID was used and that you have access to the "
          + "model."},
      {"422", "", "invalid request: the request could not be processed"},
      {"429", "", "You are past the rate limit for this API key. Please wait and try again."},
      {"498", "", "invalid api token"},
      {"500", "", "internal server error, this has been reported to our developers"},
      {"503", "", "service unavailable"},
  };

  @Override
  String errorBody(int status, String code, String message, RenderContext ctx) {
    String[] d = defaults(ERRORS, status, new String[] {"", "HTTP " + status + " error."});
    return Json.write(Json.obj("id", "fake-error-" + ctx.sequence(), "message", message != null ? message : d[1]));
  }
}
