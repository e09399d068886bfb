package dev.ailib.testkit.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI Responses API: the {@code response} object and its typed SSE events ({@code event: <type>} plus a
 * {@code data:} line whose {@code type} repeats it, every event with a {@code sequence_number}), as the API reference
 * and the official SDKs' models describe them.
 *
 * <p>Output items: consecutive {@link Reply.Thinking} parts make one {@code reasoning} item with one summary part
 * each, whose {@code encrypted_content} (on the finished item) is the first part's signature, when it has one; each {@link Reply.Text} a {@code message} item with one {@code output_text} part; each
 * {@link Reply.ToolCall} a {@code function_call} item ({@code call_id} = the part's id). The finish reason is the
 * status: {@code completed}, else {@code incomplete} with {@code incomplete_details.reason} set to the reply's
 * wire value ({@code max_output_tokens}, {@code content_filter}, or a raw value). Streams send
 * {@code response.created}, {@code response.in_progress}, each item's events, then {@code response.completed} or
 * {@code response.incomplete}; the argument deltas of consecutive tool calls are interleaved (each event names its
 * output index), so a client must key calls by output index. The in-stream error fault is an {@code error} event
 * with the error under {@code error}, as the API sends it.
 */
final class ResponsesRenderer extends WireRenderer {

  @Override
  List<Map.Entry<String, String>> standardHeaders(RenderContext ctx) {
    return List.of(Map.entry("x-request-id", "req_fake_" + ctx.sequence()));
  }

  @Override
  Rendered completion(Reply reply, RenderContext ctx) {
    String id = reply.id() != null ? reply.id() : "resp_fake_" + ctx.sequence();
    String model = reply.model() != null ? reply.model() : ctx.model();
    return ctx.stream() ? streamed(reply, ctx, id, model) : json(200, response(reply, ctx, id, model, items(reply, ctx),
        true), reply.headers(), ctx, "application/json");
  }

  /** The output items, each with its parts. */
  private record Item(String kind, String id, List<Reply.Part> parts) {
  }

  private static List<Item> items(Reply reply) {
    List<Item> items = new ArrayList<>();
    for (Reply.Part part : reply.parts()) {
      Item last = items.isEmpty() ? null : items.get(items.size() - 1);
      if (part instanceof Reply.Thinking && last != null && last.kind.equals("reasoning")) {
        last.parts.add(part);
        continue;
      }
      String kind = part instanceof Reply.Thinking ? "reasoning" : part instanceof Reply.Text ? "message"
          : "function_call";
      String prefix = switch (kind) {
        case "reasoning" -> "rs_fake_";
        case "message" -> "msg_fake_";
        default -> "fc_fake_";
      };
      List<Reply.Part> parts = new ArrayList<>();
      parts.add(part);
      items.add(new Item(kind, prefix + items.size(), parts));
    }
    return items;
  }

  private static List<Object> items(Reply reply, RenderContext ctx) {
    List<Object> out = new ArrayList<>();
    for (Item item : items(reply)) {
      out.add(itemJson(item, true));
    }
    return out;
  }

  private static Map<String, Object> itemJson(Item item, boolean done) {
    String status = done ? "completed" : "in_progress";
    switch (item.kind) {
      case "reasoning" -> {
        List<Object> summary = new ArrayList<>();
        if (done) {
          for (Reply.Part p : item.parts) {
            summary.add(Json.obj("type", "summary_text", "text", ((Reply.Thinking) p).text()));
          }
        }
        Map<String, Object> reasoning = Json.obj("id", item.id, "type", "reasoning", "summary", summary);
        String signature = ((Reply.Thinking) item.parts.get(0)).signature();
        if (done && signature != null) {
          reasoning.put("encrypted_content", signature); // the API returns it whole only on the finished item
        }
        return reasoning;
      }
      case "message" -> {
        List<Object> content = done ? List.of(Json.obj("type", "output_text", "text",
            ((Reply.Text) item.parts.get(0)).text(), "annotations", List.of(), "logprobs", List.of())) : List.of();
        return Json.obj("id", item.id, "type", "message", "status", status, "role", "assistant", "content", content);
      }
      default -> {
        Reply.ToolCall c = (Reply.ToolCall) item.parts.get(0);
        return Json.obj("id", item.id, "type", "function_call", "status", status, "call_id", c.id(),
            "name", c.name(), "arguments", done ? c.argumentsJson() : "");
      }
    }
  }

  private static Map<String, Object> response(Reply reply, RenderContext ctx, String id, String model,
      List<Object> output, boolean done) {
    String wire = reply.finishReasonFor(WireFormat.OPENAI_RESPONSES);
    boolean complete = wire.equals("completed");
    Map<String, Object> r = Json.obj("id", id, "object", "response", "created_at", ctx.createdEpochSeconds(),
        "status", !done ? "in_progress" : complete ? "completed" : "incomplete", "error", null,
        "incomplete_details", done && !complete ? Json.obj("reason", wire) : null,
        "instructions", null, "max_output_tokens", null, "model", model, "output", output,
        "parallel_tool_calls", true, "previous_response_id", null,
        "reasoning", Json.obj("effort", null, "summary", null), "store", false, "temperature", 1.0,
        "text", Json.obj("format", Json.obj("type", "text")), "tool_choice", "auto", "tools", List.of(),
        "top_p", 1.0, "truncation", "disabled", "usage", done ? usage(reply.effectiveUsage()) : null,
        "user", null, "metadata", Json.obj());
    return r;
  }

  private Rendered streamed(Reply reply, RenderContext ctx, String id, String model) {
    Events e = new Events();
    e.add("response.created", Json.obj("response", response(reply, ctx, id, model, List.of(), false)));
    e.add("response.in_progress", Json.obj("response", response(reply, ctx, id, model, List.of(), false)));
    List<Item> items = items(reply);
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      if (item.kind.equals("function_call")) {
        int end = i;
        while (end + 1 < items.size() && items.get(end + 1).kind.equals("function_call")) {
          end++;
        }
        toolCalls(items, i, end, e);
        i = end;
        continue;
      }
      e.add("response.output_item.added", Json.obj("output_index", i, "item", itemJson(item, false)));
      if (item.kind.equals("reasoning")) {
        for (int s = 0; s < item.parts.size(); s++) {
          Reply.Thinking t = (Reply.Thinking) item.parts.get(s);
          e.add("response.reasoning_summary_part.added", Json.obj("item_id", item.id, "output_index", i,
              "summary_index", s, "part", Json.obj("type", "summary_text", "text", "")));
          for (String c : t.chunks()) {
            e.add("response.reasoning_summary_text.delta", Json.obj("item_id", item.id, "output_index", i,
                "summary_index", s, "delta", c));
          }
          e.add("response.reasoning_summary_text.done", Json.obj("item_id", item.id, "output_index", i,
              "summary_index", s, "text", t.text()));
          e.add("response.reasoning_summary_part.done", Json.obj("item_id", item.id, "output_index", i,
              "summary_index", s, "part", Json.obj("type", "summary_text", "text", t.text())));
        }
      } else {
        Reply.Text t = (Reply.Text) item.parts.get(0);
        e.add("response.content_part.added", Json.obj("item_id", item.id, "output_index", i, "content_index", 0,
            "part", Json.obj("type", "output_text", "text", "", "annotations", List.of())));
        for (String c : t.chunks()) {
          e.add("response.output_text.delta", Json.obj("item_id", item.id, "output_index", i, "content_index", 0,
              "delta", c, "logprobs", List.of()));
        }
        e.add("response.output_text.done", Json.obj("item_id", item.id, "output_index", i, "content_index", 0,
            "text", t.text(), "logprobs", List.of()));
        e.add("response.content_part.done", Json.obj("item_id", item.id, "output_index", i, "content_index", 0,
            "part", Json.obj("type", "output_text", "text", t.text(), "annotations", List.of())));
      }
      e.add("response.output_item.done", Json.obj("output_index", i, "item", itemJson(item, true)));
    }
    boolean complete = reply.finishReasonFor(WireFormat.OPENAI_RESPONSES).equals("completed");
    e.add(complete ? "response.completed" : "response.incomplete",
        Json.obj("response", response(reply, ctx, id, model, items(reply, ctx), true)));
    byte[] malformed = Rendered.utf8("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
        + "\"item_id\":\"msg_fake_0\",\"output_index\":0,\"content_index\":0,\"delta\":\"\n\n");
    return stream(e.frames, malformed, reply, ctx, "text/event-stream; charset=utf-8");
  }

  /** Tool calls {@code from..to} (output indexes): all added, their argument deltas interleaved, then each done. */
  private static void toolCalls(List<Item> items, int from, int to, Events e) {
    int rounds = 0;
    for (int i = from; i <= to; i++) {
      e.add("response.output_item.added", Json.obj("output_index", i, "item", itemJson(items.get(i), false)));
      rounds = Math.max(rounds, ((Reply.ToolCall) items.get(i).parts.get(0)).argumentChunks().size());
    }
    for (int round = 0; round < rounds; round++) {
      for (int i = from; i <= to; i++) {
        List<String> chunks = ((Reply.ToolCall) items.get(i).parts.get(0)).argumentChunks();
        if (round < chunks.size()) {
          e.add("response.function_call_arguments.delta", Json.obj("item_id", items.get(i).id, "output_index", i,
              "delta", chunks.get(round)));
        }
      }
    }
    for (int i = from; i <= to; i++) {
      Reply.ToolCall c = (Reply.ToolCall) items.get(i).parts.get(0);
      e.add("response.function_call_arguments.done", Json.obj("item_id", items.get(i).id, "output_index", i,
          "name", c.name(), "arguments", c.argumentsJson()));
      e.add("response.output_item.done", Json.obj("output_index", i, "item", itemJson(items.get(i), true)));
    }
  }

  /** Events with their sequence numbers. */
  private static final class Events {
    final List<byte[]> frames = new ArrayList<>();

    void add(String type, Map<String, Object> fields) {
      Map<String, Object> data = Json.obj("type", type, "sequence_number", frames.size());
      data.putAll(fields);
      frames.add(Rendered.utf8("event: " + type + "\ndata: " + Json.write(data) + "\n\n"));
    }
  }

  @Override
  byte[] streamErrorFrame(String errorBody, int afterEvents, RenderContext ctx) {
    Object error = Json.at(Json.parse(errorBody), "error");
    Map<String, Object> data = Json.obj("type", "error", "sequence_number", afterEvents, "error", error);
    return Rendered.utf8("event: error\ndata: " + Json.write(data) + "\n\n");
  }

  private static Map<String, Object> usage(Reply.Usage u) {
    return Json.obj("input_tokens", u.inputTokens(),
        "input_tokens_details", Json.obj("cached_tokens", u.cachedTokens(), "cache_write_tokens",
            u.cacheWriteTokens()),
        "output_tokens", u.outputTokens(),
        "output_tokens_details", Json.obj("reasoning_tokens", u.reasoningTokens()),
        "total_tokens", u.totalTokens());
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

  /** The error object of the Responses API is OpenAI's: {@code {"error": {message, type, param, code}}}. */
  @Override
  String errorBody(int status, String code, String message, RenderContext ctx) {
    String[] d = defaults(ERRORS, status, new String[] {null, "HTTP " + status + " error."});
    String type = switch (status) {
      case 429 -> "requests";
      case 500, 502, 503, 504 -> "server_error";
      default -> "invalid_request_error";
    };
    String errorCode = code != null ? code : status == 400 || status >= 500 ? null : d[0];
    String text = message != null ? message
        : status == 404 ? "The model `" + ctx.model() + "` does not exist or you do not have access to it." : d[1];
    return Json.write(Json.obj("error", Json.obj("message", text, "type", type, "param", null, "code", errorCode)));
  }
}
