package dev.ailib.testkit.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** OpenAI chat completions: {@code chat.completion} JSON and {@code chat.completion.chunk} SSE. */
final class OpenAiRenderer extends WireRenderer {

  private static final String FINGERPRINT = "fp_fake";

  @Override
  List<Map.Entry<String, String>> standardHeaders(RenderContext ctx) {
    return List.of(Map.entry("x-request-id", "req_fake_" + ctx.sequence()));
  }

  @Override
  Rendered completion(Reply reply, RenderContext ctx) {
    String id = reply.id() != null ? reply.id() : "chatcmpl-fake-" + ctx.sequence();
    String model = reply.model() != null ? reply.model() : ctx.model();
    return ctx.stream() ? streamed(reply, ctx, id, model) : whole(reply, ctx, id, model);
  }

  private Rendered whole(Reply reply, RenderContext ctx, String id, String model) {
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    List<Object> toolCalls = new ArrayList<>();
    boolean hasText = false;
    for (Reply.Part part : reply.parts()) {
      if (part instanceof Reply.Text t) {
        text.append(t.text());
        hasText = true;
      } else if (part instanceof Reply.Thinking t) {
        thinking.append(t.text());
      } else if (part instanceof Reply.ToolCall c) {
        toolCalls.add(Json.obj("id", c.id(), "type", "function",
            "function", Json.obj("name", c.name(), "arguments", c.argumentsJson())));
      }
    }
    Map<String, Object> message = Json.obj("role", "assistant", "content", hasText ? text.toString() : null);
    if (thinking.length() > 0) {
      message.put("reasoning_content", thinking.toString());
    }
    if (!toolCalls.isEmpty()) {
      message.put("tool_calls", toolCalls);
    }
    message.put("refusal", null);
    message.put("annotations", List.of());
    Map<String, Object> body = Json.obj("id", id, "object", "chat.completion", "created", ctx.createdEpochSeconds(),
        "model", model,
        "choices", List.of(Json.obj("index", 0, "message", message, "logprobs", null,
            "finish_reason", reply.finishReasonFor(WireFormat.OPENAI_CHAT))),
        "usage", usage(reply.effectiveUsage()),
        "service_tier", "default", "system_fingerprint", FINGERPRINT);
    return json(200, body, reply.headers(), ctx, "application/json");
  }

  private Rendered streamed(Reply reply, RenderContext ctx, String id, String model) {
    List<byte[]> events = new ArrayList<>();
    List<Reply.Part> parts = reply.parts();
    boolean roleSent = false;
    int toolIndex = 0;
    for (Reply.Part part : parts) {
      if (part instanceof Reply.ToolCall c) {
        Map<String, Object> call = Json.obj("index", toolIndex, "id", c.id(), "type", "function",
            "function", Json.obj("name", c.name(), "arguments", ""));
        Map<String, Object> delta = roleSent ? Json.obj() : Json.obj("role", "assistant", "content", null);
        delta.put("tool_calls", List.of(call));
        events.add(chunk(ctx, id, model, delta, null));
        roleSent = true;
        for (String fragment : c.argumentChunks()) {
          events.add(chunk(ctx, id, model, Json.obj("tool_calls", List.of(
              Json.obj("index", toolIndex, "function", Json.obj("arguments", fragment)))), null));
        }
        toolIndex++;
        continue;
      }
      if (!roleSent) {
        events.add(chunk(ctx, id, model, Json.obj("role", "assistant", "content", "", "refusal", null), null));
        roleSent = true;
      }
      if (part instanceof Reply.Text t) {
        for (String c : t.chunks()) {
          events.add(chunk(ctx, id, model, Json.obj("content", c), null));
        }
      } else if (part instanceof Reply.Thinking t) {
        for (String c : t.chunks()) {
          events.add(chunk(ctx, id, model, Json.obj("reasoning_content", c), null));
        }
      }
    }
    events.add(chunk(ctx, id, model, Json.obj(), reply.finishReasonFor(WireFormat.OPENAI_CHAT)));
    if (ctx.includeUsage()) {
      Map<String, Object> last = base(id, model, ctx);
      last.put("choices", List.of());
      last.put("usage", usage(reply.effectiveUsage()));
      events.add(frame(Json.write(last)));
    }
    events.add(frame("[DONE]"));
    byte[] malformed = frame("{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"content\":\"");
    return stream(events, malformed, reply, ctx, "text/event-stream; charset=utf-8");
  }

  @Override
  byte[] streamErrorFrame(String errorBody, int afterEvents, RenderContext ctx) {
    return frame(errorBody);
  }

  private Map<String, Object> base(String id, String model, RenderContext ctx) {
    return Json.obj("id", id, "object", "chat.completion.chunk", "created", ctx.createdEpochSeconds(),
        "model", model, "service_tier", "default", "system_fingerprint", FINGERPRINT);
  }

  private byte[] chunk(RenderContext ctx, String id, String model, Map<String, Object> delta, String finish) {
    Map<String, Object> chunk = base(id, model, ctx);
    chunk.put("choices", List.of(Json.obj("index", 0, "delta", delta, "logprobs", null, "finish_reason", finish)));
    if (ctx.includeUsage()) {
      chunk.put("usage", null);
    }
    return frame(Json.write(chunk));
  }

  private static byte[] frame(String data) {
    return Rendered.utf8("data: " + data + "\n\n");
  }

  private static Map<String, Object> usage(Reply.Usage u) {
    return Json.obj("prompt_tokens", u.inputTokens(), "completion_tokens", u.outputTokens(),
        "total_tokens", u.totalTokens(),
        "prompt_tokens_details", Json.obj("cached_tokens", u.cachedTokens(), "audio_tokens", 0),
        "completion_tokens_details", Json.obj("reasoning_tokens", u.reasoningTokens(), "audio_tokens", 0,
            "accepted_prediction_tokens", 0, "rejected_prediction_tokens", 0));
  }

  private static final String[][] ERRORS = {
      {"400", "invalid_request_error", "Invalid request: the request body could not be processed."},
      {"401", "invalid_api_key",
          "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys."},
      {"403", "unsupported_country_region_territory", "Country, region, or territory not supported"},
      {"404", "model_not_found", "The model does not exist or you do not have access to it."},
      {"413", "request_too_large", "Request too large."},
      {"429", "rate_limit_exceeded", "Rate limit reached for requests. Please try again in 2s."},
      {"500", "server_error", "The server had an error while processing your request. Sorry about that!"},
      {"503", "server_error", "The engine is currently overloaded, please try again later."},
  };

  @Override
  String errorBody(int status, String code, String message, RenderContext ctx) {
    String[] d = defaults(ERRORS, status, new String[] {null, "HTTP " + status + " error."});
    String type = switch (status) {
      case 429 -> "requests";
      case 500, 502, 503, 504 -> "server_error";
      default -> "invalid_request_error";
    };
    String errorCode = code != null ? code : status == 400 || status >= 500 ? null : d[0];
    if (code != null && (code.equals("insufficient_quota") || code.equals("server_error"))) {
      type = code;
    }
    String text = message != null ? message
        : status == 404 ? "The model `" + ctx.model() + "` does not exist or you do not have access to it." : d[1];
    return Json.write(Json.obj("error", Json.obj("message", text, "type", type,
        "param", null, "code", errorCode)));
  }
}
