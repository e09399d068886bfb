package dev.ailib.testkit.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Anthropic messages: the {@code message} JSON and the named-event stream. */
final class AnthropicRenderer extends WireRenderer {

  @Override
  List<Map.Entry<String, String>> standardHeaders(RenderContext ctx) {
    return List.of(Map.entry("request-id", requestId(ctx)));
  }

  private static String requestId(RenderContext ctx) {
    return "req_fake_" + ctx.sequence();
  }

  @Override
  Rendered completion(Reply reply, RenderContext ctx) {
    String id = reply.id() != null ? reply.id() : "msg_fake_" + ctx.sequence();
    String model = reply.model() != null ? reply.model() : ctx.model();
    return ctx.stream() ? streamed(reply, ctx, id, model) : whole(reply, ctx, id, model);
  }

  private Rendered whole(Reply reply, RenderContext ctx, String id, String model) {
    List<Object> content = new ArrayList<>();
    for (Reply.Part part : reply.parts()) {
      if (part instanceof Reply.Text t) {
        content.add(Json.obj("type", "text", "text", t.text()));
      } else if (part instanceof Reply.Thinking t) {
        content.add(Json.obj("type", "thinking", "thinking", t.text(), "signature", signature(t)));
      } else if (part instanceof Reply.ToolCall c) {
        content.add(Json.obj("type", "tool_use", "id", c.id(), "name", c.name(),
            "input", Json.argumentsValue(c.argumentsJson())));
      }
    }
    Map<String, Object> body = Json.obj("id", id, "type", "message", "role", "assistant", "model", model,
        "content", content, "stop_reason", reply.finishReasonFor(WireFormat.ANTHROPIC_MESSAGES),
        "stop_sequence", null, "usage", usage(reply.effectiveUsage(), reply.effectiveUsage().outputTokens()));
    return json(200, body, reply.headers(), ctx, "application/json");
  }

  private Rendered streamed(Reply reply, RenderContext ctx, String id, String model) {
    List<byte[]> events = new ArrayList<>();
    Reply.Usage usage = reply.effectiveUsage();
    events.add(event("message_start", Json.obj("type", "message_start", "message", Json.obj("id", id,
        "type", "message", "role", "assistant", "model", model, "content", List.of(), "stop_reason", null,
        "stop_sequence", null, "usage", usage(usage, 1)))));
    int index = 0;
    for (Reply.Part part : reply.parts()) {
      if (part instanceof Reply.Text t) {
        events.add(blockStart(index, Json.obj("type", "text", "text", "")));
        if (index == 0) {
          events.add(Rendered.utf8("event: ping\ndata: {\"type\": \"ping\"}\n\n"));
        }
        for (String c : t.chunks()) {
          events.add(delta(index, Json.obj("type", "text_delta", "text", c)));
        }
      } else if (part instanceof Reply.Thinking t) {
        events.add(blockStart(index, Json.obj("type", "thinking", "thinking", "")));
        if (index == 0) {
          events.add(Rendered.utf8("event: ping\ndata: {\"type\": \"ping\"}\n\n"));
        }
        for (String c : t.chunks()) {
          events.add(delta(index, Json.obj("type", "thinking_delta", "thinking", c)));
        }
        events.add(delta(index, Json.obj("type", "signature_delta", "signature", signature(t))));
      } else if (part instanceof Reply.ToolCall c) {
        events.add(blockStart(index, Json.obj("type", "tool_use", "id", c.id(), "name", c.name(),
            "input", Json.obj())));
        if (index == 0) {
          events.add(Rendered.utf8("event: ping\ndata: {\"type\": \"ping\"}\n\n"));
        }
        for (String fragment : c.argumentChunks()) {
          events.add(delta(index, Json.obj("type", "input_json_delta", "partial_json", fragment)));
        }
      }
      events.add(event("content_block_stop", Json.obj("type", "content_block_stop", "index", index)));
      index++;
    }
    events.add(event("message_delta", Json.obj("type", "message_delta",
        "delta", Json.obj("stop_reason", reply.finishReasonFor(WireFormat.ANTHROPIC_MESSAGES),
            "stop_sequence", null),
        "usage", usage(usage, usage.outputTokens()))));
    events.add(event("message_stop", Json.obj("type", "message_stop")));
    byte[] malformed = Rendered.utf8("event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
        + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"\n\n");
    return stream(events, malformed, reply, ctx, "text/event-stream; charset=utf-8");
  }

  @Override
  byte[] streamErrorFrame(String errorBody, int afterEvents, RenderContext ctx) {
    return Rendered.utf8("event: error\ndata: " + errorBody + "\n\n");
  }

  private static byte[] blockStart(int index, Map<String, Object> block) {
    return event("content_block_start", Json.obj("type", "content_block_start", "index", index,
        "content_block", block));
  }

  private static byte[] delta(int index, Map<String, Object> delta) {
    return event("content_block_delta", Json.obj("type", "content_block_delta", "index", index, "delta", delta));
  }

  private static byte[] event(String name, Object data) {
    return Rendered.utf8("event: " + name + "\ndata: " + Json.write(data) + "\n\n");
  }

  private static Map<String, Object> usage(Reply.Usage u, int outputTokens) {
    Map<String, Object> usage = Json.obj("input_tokens", u.inputTokens(), "cache_creation_input_tokens",
        u.cacheWriteTokens(), "cache_read_input_tokens", u.cachedTokens(), "output_tokens", outputTokens);
    if (u.cacheWrite1hTokens() > 0) { // the split, as the API sends it, when one-hour writes were scripted
      usage.put("cache_creation", Json.obj("ephemeral_5m_input_tokens", u.cacheWriteTokens() - u.cacheWrite1hTokens(),
          "ephemeral_1h_input_tokens", u.cacheWrite1hTokens()));
    }
    return usage;
  }

  /** {@code {"input_tokens": n}}, as the Messages API's count_tokens endpoint answers. */
  @Override
  Rendered tokenCount(int tokens, RenderContext ctx) {
    return json(200, Json.obj("input_tokens", tokens), List.of(), ctx, "application/json");
  }

  private static final String[][] ERRORS = {
      {"400", "invalid_request_error", "Invalid request."},
      {"401", "authentication_error", "invalid x-api-key"},
      {"403", "permission_error", "Your API key does not have permission to use the specified resource."},
      {"404", "not_found_error", "The requested resource could not be found."},
      {"413", "request_too_large", "Request exceeds the maximum allowed number of bytes."},
      {"429", "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit."},
      {"500", "api_error", "Internal server error"},
      {"503", "overloaded_error", "Overloaded"},
      {"529", "overloaded_error", "Overloaded"},
  };

  @Override
  String errorBody(int status, String code, String message, RenderContext ctx) {
    String[] d = defaults(ERRORS, status, new String[] {status >= 500 ? "api_error" : "invalid_request_error",
        "HTTP " + status + " error."});
    return Json.write(Json.obj("type", "error",
        "error", Json.obj("type", code != null ? code : d[0], "message", message != null ? message : d[1]),
        "request_id", requestId(ctx)));
  }

  /** Anthropic signs all thinking: an unsigned part is sent with an empty signature. */
  private static String signature(Reply.Thinking t) {
    return t.signature() == null ? "" : t.signature();
  }
}
