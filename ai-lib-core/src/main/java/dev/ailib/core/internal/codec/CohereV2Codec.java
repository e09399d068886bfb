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
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.internal.response.AnswerFields;
import dev.ailib.core.internal.response.FinishReasons;
import dev.ailib.core.internal.response.ToolCallIds;
import dev.ailib.core.internal.response.UsageReader;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cohere's v2 chat format ({@code POST /v2/chat}, Cohere API reference "Chat" and its official SDKs): {@code messages}
 * with roles {@code system}, {@code user} (text or {@code text} / {@code image_url} parts), {@code assistant}
 * ({@code content} parts of type {@code text} and {@code thinking}, {@code tool_plan}, {@code tool_calls} as
 * {@code {id, type: function, function: {name, arguments}}}) and {@code tool} ({@code tool_call_id}); {@code tools}
 * as {@code {type: function, function: {name, description, parameters}}}; {@code tool_choice} {@code REQUIRED} or
 * {@code NONE} (a forced tool is sent as {@code REQUIRED} with only that tool); {@code response_format}
 * ({@code json_object}, with {@code json_schema} for a schema); sampling as {@code temperature}, {@code p},
 * {@code k}, {@code max_tokens}, {@code stop_sequences}, {@code seed}, {@code frequency_penalty},
 * {@code presence_penalty}. The request schema is closed: a parameter that is none of its fields and that the
 * manifest does not declare is refused before sending.
 *
 * <p>Answers: {@code message.content[]} (text; {@code thinking} parts and {@code tool_plan} are the thinking),
 * {@code message.tool_calls}, {@code finish_reason} ({@code COMPLETE}, {@code MAX_TOKENS}, {@code STOP_SEQUENCE},
 * {@code TOOL_CALL}, {@code ERROR}, {@code TIMEOUT}), {@code usage} ({@code tokens}, else {@code billed_units};
 * {@code cached_tokens}) and {@code id}. Streams (named SSE events {@code message-start}, {@code content-delta},
 * {@code tool-plan-delta}, {@code tool-call-start/delta/end}, {@code message-end} with the finish reason and usage)
 * are read by the stream pipeline's {@code cohere_v2} rules.
 */
final class CohereV2Codec implements WireCodec {
  static final CohereV2Codec INSTANCE = new CohereV2Codec();

  private static final String STYLE = "a Cohere v2 chat response";
  private static final String FORMAT = "Cohere v2 chat";
  private static final AnswerFields READ = AnswerFields.of("message.content[*].type", "message.content[*].text",
      "message.content[*].thinking", "message.tool_plan", "message.tool_calls", "finish_reason", "usage", "id",
      "error");

  /** The protocol's names where Cohere's differ. */
  private static final Map<String, String> WIRE_NAMES = Map.of("top_p", "p", "top_k", "k", "stop", "stop_sequences",
      "stop_sequences", "stop_sequences");

  /** The request's top-level fields (Cohere API reference, v2 chat request body). */
  private static final Set<String> REQUEST_FIELDS = Set.of("model", "messages", "tools", "strict_tools", "documents",
      "citation_options", "response_format", "safety_mode", "max_tokens", "stop_sequences", "temperature", "seed",
      "frequency_penalty", "presence_penalty", "k", "p", "logprobs", "tool_choice", "thinking", "priority", "stream");

  private CohereV2Codec() {
  }

  @Override
  public byte[] encode(EncodeInput in) {
    ChatRequest r = in.request();
    ObjectNode root = NODES.objectNode();
    root.put("model", in.modelId());
    ArrayNode messages = root.putArray("messages");
    for (Message m : r.messages()) {
      encodeMessage(m, messages);
    }
    for (WireParam p : in.params()) {
      if (p.wireName() != null) {
        CodecSupport.putPath(root, p.wireName(), p.value()); // the manifest names the field
        continue;
      }
      String name = WIRE_NAMES.getOrDefault(p.name(), p.name());
      if (!REQUEST_FIELDS.contains(name)) {
        throw CodecSupport.unknownParameter(p.name(), in.manifest(), FORMAT, REQUEST_FIELDS);
      }
      CodecSupport.putValue(root, name, p.value());
    }
    List<ToolDefinition> tools = r.tools();
    if (r.toolChoice() != null && r.toolChoice().mode() == ToolChoice.Mode.TOOL) {
      // the format forces "some tool" only: a named tool is forced by offering only that one
      tools = tools.stream().filter(t -> t.name().equals(r.toolChoice().toolName())).toList();
      if (tools.isEmpty()) {
        throw new ProtocolException("tool choice names tool '" + r.toolChoice().toolName() + "', which is not among "
            + "the request's tools");
      }
    }
    if (!tools.isEmpty()) {
      ArrayNode out = root.putArray("tools");
      for (ToolDefinition t : tools) {
        ObjectNode fn = out.addObject().put("type", "function").putObject("function");
        fn.put("name", t.name());
        if (t.description() != null) {
          fn.put("description", t.description());
        }
        fn.set("parameters", CodecSupport.parse(t.parametersSchema(), "parameters schema of tool '" + t.name() + "'"));
      }
    }
    if (r.toolChoice() != null) {
      switch (r.toolChoice().mode()) {
        case AUTO -> {
          // the default: no field
        }
        case NONE -> root.put("tool_choice", "NONE");
        case REQUIRED, TOOL -> root.put("tool_choice", "REQUIRED");
      }
    }
    if (r.responseFormat() != null) {
      ResponseFormat f = r.responseFormat();
      ObjectNode rf = root.putObject("response_format");
      switch (f.type()) {
        case TEXT -> rf.put("type", "text");
        case JSON_OBJECT -> rf.put("type", "json_object");
        case JSON_SCHEMA -> rf.put("type", "json_object").set("json_schema", CodecSupport.schema(f));
      }
    }
    if (in.stream()) {
      root.put("stream", true);
    }
    return CodecSupport.bytes(root);
  }

  private static void encodeMessage(Message m, ArrayNode out) {
    switch (m.role()) {
      case SYSTEM -> out.addObject().put("role", "system").put("content", m.text());
      case USER -> CodecSupport.userMessage(m, out, CohereV2Codec::toolMessage, CohereV2Codec::userPart);
      case ASSISTANT -> {
        ObjectNode msg = out.addObject().put("role", "assistant");
        ArrayNode calls = NODES.arrayNode();
        StringBuilder thinking = new StringBuilder();
        ArrayNode content = NODES.arrayNode();
        for (ContentBlock b : m.content()) {
          if (b instanceof ContentBlock.ToolUse tu) {
            ToolCall c = tu.call();
            ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
            call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
          } else if (b instanceof ContentBlock.Text t) {
            content.addObject().put("type", "text").put("text", t.text());
          } else if (b instanceof ContentBlock.Thinking th) {
            thinking.append(th.text());
          }
          // redacted thinking is another wire's; it has no form here and is dropped
        }
        if (!calls.isEmpty()) {
          if (thinking.length() > 0) {
            msg.put("tool_plan", thinking.toString()); // the plan the model wrote before calling tools
          }
          msg.set("tool_calls", calls);
        } else if (thinking.length() > 0) {
          content.insertObject(0).put("type", "thinking").put("thinking", thinking.toString());
        }
        if (!content.isEmpty()) {
          msg.set("content", content);
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
    } else if (b instanceof ContentBlock.Document) {
      throw new ProtocolException("the " + FORMAT + " format has no document content in messages (its documents "
          + "are text snippets for retrieval, the request's 'documents'); the request was not sent");
    } else if (b instanceof ContentBlock.Audio) {
      throw new ProtocolException("audio input is not supported by the " + FORMAT + " format");
    } else if (b instanceof ContentBlock.ToolUse) {
      throw new ProtocolException("a user message cannot hold a tool call; put tool calls in an assistant message "
          + "(Message.assistantToolCalls)");
    } else if (b instanceof ContentBlock.Thinking || b instanceof ContentBlock.RedactedThinking) {
      throw new ProtocolException("a user message cannot hold thinking; it belongs to assistant messages");
    }
  }

  @Override
  public AnswerFields answerFields() {
    return READ;
  }

  @Override
  public ChatResponse decode(JsonNode body, ProviderManifest manifest, String requestId) {
    CodecSupport.requireResponse(body, "message", manifest, STYLE);
    JsonNode message = CodecSupport.requireObject(body.get("message"), "message", manifest, STYLE);
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    for (JsonNode part : message.path("content")) {
      switch (part.path("type").asText()) {
        case "text" -> text.append(part.path("text").asText());
        case "thinking" -> thinking.append(part.path("thinking").asText());
        default -> {
          // other parts carry nothing for the caller
        }
      }
    }
    String plan = CodecSupport.text(message, "tool_plan");
    if (plan != null) {
      thinking.append(plan);
    }
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode c : message.path("tool_calls")) {
      JsonNode fn = c.path("function");
      calls.add(new ToolCall(ToolCallIds.orNew(CodecSupport.text(c, "id")), fn.path("name").asText(),
          CodecSupport.argumentsText(fn.get("arguments"))));
    }
    String raw = CodecSupport.text(body, "finish_reason");
    FinishReason reason = FinishReasons.resolve(raw, manifest.termination(), !calls.isEmpty());
    return new ChatResponse(text.toString(), calls, reason, raw, UsageReader.read(body.get("usage")), null,
        CodecSupport.text(body, "id"), requestId, thinking.toString());
  }
}
