package dev.ailib.core.internal.codec;

import static dev.ailib.core.internal.codec.CodecSupport.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.FinishReason;
import dev.ailib.api.Message;
import dev.ailib.api.ResponseFormat;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolChoice;
import dev.ailib.api.ToolDefinition;
import dev.ailib.core.internal.response.AnswerFields;
import dev.ailib.core.internal.response.FinishReasons;
import dev.ailib.core.internal.response.ReasoningContent;
import dev.ailib.core.internal.response.ToolCallIds;
import dev.ailib.core.internal.response.UsageReader;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.StreamingSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAI chat completions format, used by OpenAI and every OpenAI-compatible API: {@code messages} with
 * roles, assistant {@code tool_calls}, {@code tool} messages with {@code tool_call_id}, {@code image_url} and
 * {@code input_audio} parts, {@code tools} + {@code tool_choice}, {@code response_format}, and for streams
 * {@code stream: true} with {@code stream_options.include_usage}; a prompt-cache key as {@code prompt_cache_key}
 * where the manifest declares it.
 */
final class OpenAiChatCodec implements WireCodec {
  static final OpenAiChatCodec INSTANCE = new OpenAiChatCodec();

  private static final String STYLE = "an OpenAI chat completion";
  private static final AnswerFields READ = AnswerFields.of("choices[0].message", "choices[0].finish_reason", "usage",
      "model", "id", "error", "request_id");

  @Override
  public byte[] encode(EncodeInput in) {
    ChatRequest r = in.request();
    ObjectNode root = NODES.objectNode();
    root.put("model", in.modelId());
    ArrayNode messages = root.putArray("messages");
    for (Message m : r.messages()) {
      encodeMessage(m, messages, in.manifest().id());
    }
    for (WireParam p : in.params()) {
      String name = p.wireName() != null ? p.wireName() : p.name();
      CodecSupport.putPath(root, name, p.value());
    }
    if (!r.tools().isEmpty()) {
      ArrayNode tools = root.putArray("tools");
      for (ToolDefinition t : r.tools()) {
        ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
        fn.put("name", t.name());
        if (t.description() != null) {
          fn.put("description", t.description());
        }
        fn.set("parameters", CodecSupport.parse(t.parametersSchema(), "parameters schema of tool '" + t.name() + "'"));
      }
    }
    if (r.toolChoice() != null) {
      ToolChoice c = r.toolChoice();
      switch (c.mode()) {
        case AUTO -> root.put("tool_choice", "auto");
        case NONE -> root.put("tool_choice", "none");
        case REQUIRED -> root.put("tool_choice", "required");
        case TOOL -> root.putObject("tool_choice").put("type", "function").putObject("function")
            .put("name", c.toolName());
      }
    }
    if (r.responseFormat() != null) {
      ResponseFormat f = r.responseFormat();
      ObjectNode rf = root.putObject("response_format");
      switch (f.type()) {
        case TEXT -> rf.put("type", "text");
        case JSON_OBJECT -> rf.put("type", "json_object");
        case JSON_SCHEMA -> {
          rf.put("type", "json_schema");
          ObjectNode js = rf.putObject("json_schema");
          js.put("name", f.schemaName());
          if (f.strict()) {
            js.put("strict", true);
          }
          js.set("schema", CodecSupport.schema(f));
        }
      }
    }
    CodecSupport.promptCacheKey(in, root);
    if (in.stream()) {
      root.put("stream", true);
      // asked by default; a manifest whose provider rejects stream_options says streaming.include_usage: false
      StreamingSpec streaming = in.manifest().streaming();
      if (streaming == null || streaming.includeUsage() == null || streaming.includeUsage()) {
        root.putObject("stream_options").put("include_usage", true);
      }
    }
    return CodecSupport.bytes(root);
  }

  private static void encodeMessage(Message m, ArrayNode out, String provider) {
    switch (m.role()) {
      case SYSTEM -> out.addObject().put("role", "system").put("content", m.text());
      case USER -> CodecSupport.userMessage(m, out, OpenAiChatCodec::toolMessage, OpenAiChatCodec::userPart);
      case ASSISTANT -> {
        // thinking blocks are dropped (chat completions takes no reasoning back, and OpenAI refuses unknown message
        // fields), except reasoning this provider returned as reasoning_content, on a message that called tools: the
        // provider needs it back then (DeepSeek's thinking mode refuses the next request without it)
        ObjectNode msg = out.addObject().put("role", "assistant");
        String text = m.text();
        ArrayNode calls = null;
        for (ContentBlock b : m.content()) {
          if (b instanceof ContentBlock.ToolUse tu) {
            if (calls == null) {
              calls = msg.putArray("tool_calls");
            }
            ToolCall c = tu.call();
            ObjectNode call = calls.addObject();
            call.put("id", c.id());
            call.put("type", "function");
            call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
          }
        }
        if (text.isEmpty() && calls != null) {
          msg.putNull("content");
        } else {
          msg.put("content", text);
        }
        if (calls != null) {
          StringBuilder reasoning = null;
          for (ContentBlock b : m.content()) {
            if (b instanceof ContentBlock.Thinking th && ReasoningContent.isFrom(th.signature(), provider)) {
              reasoning = reasoning == null ? new StringBuilder(th.text()) : reasoning.append(th.text());
            }
          }
          if (reasoning != null) {
            msg.put("reasoning_content", reasoning.toString());
          }
        }
      }
      case TOOL -> {
        for (ContentBlock b : m.content()) {
          if (b instanceof ContentBlock.ToolResult tr) {
            toolMessage(tr, out);
          }
        }
      }
    }
  }

  private static void toolMessage(ContentBlock.ToolResult tr, ArrayNode out) {
    out.addObject().put("role", "tool").put("tool_call_id", tr.toolCallId()).put("content", tr.content());
  }

  private static void userPart(ContentBlock b, ArrayNode content) {
    if (b instanceof ContentBlock.Text t) {
      content.addObject().put("type", "text").put("text", t.text());
    } else if (b instanceof ContentBlock.Image img) {
      String url = img.url() != null ? img.url() : CodecSupport.dataUrl(img.mediaType(), img.base64Data());
      content.addObject().put("type", "image_url").putObject("image_url").put("url", url);
    } else if (b instanceof ContentBlock.Document d) {
      CodecSupport.requireResolved(d, "chat completions");
      String dataUrl = d.base64Data() != null ? CodecSupport.dataUrl(d.mediaType(), d.base64Data())
          : CodecSupport.splitDataUrl(d.url()) != null ? d.url() : null;
      if (dataUrl == null) {
        throw new dev.ailib.api.error.ProtocolException("the chat completions wire format takes documents inline "
            + "only; download '" + d.url() + "' and pass it as base64 (ContentBlock.documentBase64)");
      }
      // the file part names its file: OpenAI rejects file_data without a filename
      content.addObject().put("type", "file").putObject("file")
          .put("filename", CodecSupport.filename(d)).put("file_data", dataUrl);
    } else if (b instanceof ContentBlock.Audio a) {
      content.addObject().put("type", "input_audio").putObject("input_audio").put("data", a.base64Data())
          .put("format", a.format());
    } else if (b instanceof ContentBlock.ToolUse) {
      throw new dev.ailib.api.error.ProtocolException("a user message cannot hold a tool call; put tool calls in "
          + "an assistant message (Message.assistantToolCalls)");
    } else if (b instanceof ContentBlock.Thinking || b instanceof ContentBlock.RedactedThinking) {
      throw new dev.ailib.api.error.ProtocolException("a user message cannot hold thinking; it belongs to assistant "
          + "messages");
    }
  }

  @Override
  public AnswerFields answerFields() {
    return READ;
  }

  @Override
  public ChatResponse decode(JsonNode body, ProviderManifest manifest, String requestId) {
    CodecSupport.requireResponse(body, "choices", manifest, STYLE);
    JsonNode choice = CodecSupport.requireNonEmptyArray(body, "choices", "choices", manifest, STYLE).get(0);
    CodecSupport.requireObject(choice, "choices[0]", manifest, STYLE);
    JsonNode message = CodecSupport.requireObject(choice.get("message"), "choices[0].message", manifest, STYLE);
    String content = CodecSupport.text(message, "content");
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode c : message.path("tool_calls")) {
      JsonNode fn = c.path("function");
      calls.add(new ToolCall(ToolCallIds.orNew(CodecSupport.text(c, "id")), fn.path("name").asText(),
          CodecSupport.argumentsText(fn.get("arguments"))));
    }
    String thinking = CodecSupport.text(message, "reasoning_content");
    // reasoning_content goes back to the provider that wrote it (ReasoningContent); `reasoning` (other servers) not
    List<ContentBlock> blocks = thinking == null || thinking.isEmpty() ? null
        : List.of(new ContentBlock.Thinking(thinking, ReasoningContent.signature(manifest.id())));
    if (thinking == null) {
      thinking = CodecSupport.text(message, "reasoning");
    }
    String raw = CodecSupport.text(choice, "finish_reason");
    FinishReason reason = FinishReasons.resolve(raw, manifest.termination(), !calls.isEmpty());
    if (blocks != null) {
      return new ChatResponse(content, calls, reason, raw, UsageReader.read(body.get("usage")),
          CodecSupport.text(body, "model"), CodecSupport.text(body, "id"), requestId, thinking, blocks);
    }
    return new ChatResponse(content, calls, reason, raw, UsageReader.read(body.get("usage")),
        CodecSupport.text(body, "model"), CodecSupport.text(body, "id"), requestId, thinking);
  }
}
