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
import dev.ailib.api.Role;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolChoice;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.internal.response.AnswerFields;
import dev.ailib.core.internal.response.Answers;
import dev.ailib.core.internal.response.ErrorClassifier;
import dev.ailib.core.internal.response.FinishReasons;
import dev.ailib.core.internal.response.ReasoningItems;
import dev.ailib.core.internal.response.Redactor;
import dev.ailib.core.internal.response.ToolCallIds;
import dev.ailib.core.internal.response.UsageReader;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI Responses API ({@code POST /responses}; field names as in the API reference and the official SDKs'
 * {@code ResponseCreateParams} / {@code Response} models).
 *
 * <p>Request: the leading system messages become {@code instructions}; every other message becomes {@code input}
 * items: user messages a {@code message} item with {@code input_text} / {@code input_image} / {@code input_file}
 * parts (an inline {@code input_file} names its file: {@code Document.filename}, else one from the media type),
 * assistant text a {@code message} item, each assistant tool call a {@code function_call} item ({@code call_id},
 * {@code name}, {@code arguments}; no item {@code id}, so nothing refers to server-side state), each tool result a
 * {@code function_call_output} item; an assistant message's thinking blocks go back as the {@code reasoning} items
 * they came from, when they came with encrypted content (see below), and are dropped otherwise. Tools are
 * {@code {type: function, name, description, parameters, strict}}; {@code tool_choice} is {@code auto} /
 * {@code none} / {@code required} or {@code {type: function, name}}; {@code responseFormat} is {@code text.format}.
 * Parameters go under the manifest's wire names, where a dot nests ({@code reasoning.effort}); {@code max_tokens}
 * is {@code max_output_tokens} when the manifest does not name it; parameters the manifest does not declare are sent
 * as named (the schema is open, as for chat completions: Open Responses servers add their own fields). The stream
 * always ends with its usage ({@code response.completed}), so {@code streaming.include_usage} has nothing to set
 * here. {@code store} is {@code false} unless the request sets it: ai-lib sends the whole conversation on every call
 * and keeps no state on the server ({@code previous_response_id} is an opt-in parameter). Then, when the request sets
 * a {@code reasoning} option or the conversation carries reasoning items, and the request names no {@code include}
 * itself, {@code include: ["reasoning.encrypted_content"]} is sent, so that the reasoning can go back on the next call
 * (not on every call: models without reasoning refuse it).
 *
 * <p>Answer: the {@code output} items in order: the {@code output_text} (and {@code refusal}) parts of
 * {@code message} items are the content, {@code function_call} items the tool calls (id = {@code call_id}),
 * the {@code summary} texts of {@code reasoning} items the thinking (or their {@code reasoning_text} content when
 * they have no summary). A reasoning item with {@code encrypted_content} ends a {@code Thinking} block signed with
 * the item ({@code ReasoningItems}: the API takes a reasoning item back, in a stateless conversation, only with its
 * encrypted content), holding the text since the previous such block; text without one is one unsigned block, as
 * in a stream. The raw finish reason is the {@code status}, or for {@code incomplete} the
 * {@code incomplete_details.reason} ({@code max_output_tokens}, {@code content_filter}); a {@code failed} response
 * is its {@code error}, classified as any provider error.
 */
final class OpenAiResponsesCodec implements WireCodec {
  static final OpenAiResponsesCodec INSTANCE = new OpenAiResponsesCodec();

  private static final String STYLE = "an OpenAI Responses API response";
  private static final String FORMAT = "Responses API";
  private static final AnswerFields READ = AnswerFields.of("output[*].type", "output[*].content[*].type",
      "output[*].content[*].text", "output[*].content[*].refusal", "output[*].call_id", "output[*].name",
      "output[*].arguments", "output[*].summary[*].type", "output[*].summary[*].text", "output[*].id",
      "output[*].encrypted_content", "status", "incomplete_details", "usage", "model", "id",
      "error", "request_id");
  /** The style's own names of the request's typed settings, for manifests that do not name them. */
  private static final Map<String, String> WIRE_NAMES = Map.of("max_tokens", "max_output_tokens");

  private OpenAiResponsesCodec() {
  }

  @Override
  public byte[] encode(EncodeInput in) {
    ChatRequest r = in.request();
    ObjectNode root = NODES.objectNode();
    root.put("model", in.modelId());
    List<Message> messages = r.messages();
    int first = 0;
    StringBuilder instructions = new StringBuilder();
    while (first < messages.size() && messages.get(first).role() == Role.SYSTEM) {
      if (instructions.length() > 0) {
        instructions.append("\n\n");
      }
      instructions.append(messages.get(first).text());
      first++;
    }
    if (first > 0) {
      root.put("instructions", instructions.toString());
    }
    ArrayNode input = root.putArray("input");
    for (Message m : messages.subList(first, messages.size())) {
      encodeMessage(m, input);
    }
    boolean storeGiven = false;
    boolean stored = false;
    boolean includeGiven = false;
    boolean reasoningAsked = false;
    for (WireParam p : in.params()) {
      if (p.name().equals("stop") && p.wireName() == null) { // unless a manifest says its server takes them
        throw new ProtocolException("the " + FORMAT + " wire format of provider '" + in.manifest().id() + "' has no "
            + "stop sequences; remove stop(...) for model '" + in.modelId() + "' or end the answer with "
            + "maxTokens(...)");
      }
      String name = p.wireName() != null ? p.wireName() : WIRE_NAMES.getOrDefault(p.name(), p.name());
      storeGiven |= name.equals("store");
      stored |= name.equals("store") && Boolean.TRUE.equals(p.value());
      includeGiven |= name.equals("include");
      reasoningAsked |= name.startsWith("reasoning.") || name.equals("reasoning");
      CodecSupport.putPath(root, name, p.value());
    }
    if (!r.tools().isEmpty()) {
      ArrayNode tools = root.putArray("tools");
      for (ToolDefinition t : r.tools()) {
        JsonNode schema = CodecSupport.parse(t.parametersSchema(), "parameters schema of tool '" + t.name() + "'");
        ObjectNode tool = tools.addObject().put("type", "function").put("name", t.name());
        if (t.description() != null) {
          tool.put("description", t.description());
        }
        tool.set("parameters", schema);
        // the API's default is strict: true, which rejects schemas outside the strict subset
        tool.put("strict", StrictSchemas.conforms(schema));
      }
    }
    if (r.toolChoice() != null) {
      ToolChoice c = r.toolChoice();
      switch (c.mode()) {
        case AUTO -> root.put("tool_choice", "auto");
        case NONE -> root.put("tool_choice", "none");
        case REQUIRED -> root.put("tool_choice", "required");
        case TOOL -> root.putObject("tool_choice").put("type", "function").put("name", c.toolName());
      }
    }
    if (r.responseFormat() != null) {
      ResponseFormat f = r.responseFormat();
      ObjectNode format = NODES.objectNode();
      switch (f.type()) {
        case TEXT -> format.put("type", "text");
        case JSON_OBJECT -> format.put("type", "json_object");
        case JSON_SCHEMA -> {
          format.put("type", "json_schema").put("name", f.schemaName());
          format.set("schema", CodecSupport.schema(f));
          format.put("strict", f.strict()); // executeAs asks strict when the schema keeps to the strict subset
        }
      }
      CodecSupport.putPath(root, "text.format", format); // beside text.verbosity, when given
    }
    if (!storeGiven) {
      root.put("store", false);
    }
    // stateless reasoning: without the encrypted content the next call cannot send the reasoning back. Asked for
    // when the request sets reasoning options or the conversation already carries reasoning items (not for every
    // call: models without reasoning refuse the include)
    if (!stored && !includeGiven && (reasoningAsked || hasReasoningItem(input))) {
      root.putArray("include").add("reasoning.encrypted_content");
    }
    CodecSupport.promptCacheKey(in, root);
    if (in.stream()) {
      root.put("stream", true);
    }
    return CodecSupport.bytes(root);
  }

  private static boolean hasReasoningItem(ArrayNode input) {
    for (JsonNode item : input) {
      if ("reasoning".equals(item.path("type").asText())) {
        return true;
      }
    }
    return false;
  }

  private static void encodeMessage(Message m, ArrayNode out) {
    switch (m.role()) {
      case SYSTEM -> out.addObject().put("type", "message").put("role", "system").put("content", m.text());
      case USER -> {
        ArrayNode parts = null;
        for (ContentBlock b : m.content()) {
          if (b instanceof ContentBlock.ToolResult tr) {
            toolOutput(tr, out);
          } else {
            if (parts == null) {
              parts = out.addObject().put("type", "message").put("role", "user").putArray("content");
            }
            userPart(b, parts);
          }
        }
      }
      case ASSISTANT -> {
        // a reasoning item goes back only as it came, with its encrypted_content (ReasoningItems); thinking
        // without one (unsigned, or another provider's signature) is no input the API takes and is dropped
        for (ContentBlock b : m.content()) {
          if (b instanceof ContentBlock.Thinking th) {
            ObjectNode item = ReasoningItems.item(th.signature());
            if (item != null) {
              out.add(item);
            }
          }
        }
        String text = m.text();
        if (!text.isEmpty()) {
          out.addObject().put("type", "message").put("role", "assistant").put("content", text);
        }
        for (ContentBlock b : m.content()) {
          if (b instanceof ContentBlock.ToolUse tu) {
            ToolCall c = tu.call();
            out.addObject().put("type", "function_call").put("call_id", c.id()).put("name", c.name())
                .put("arguments", c.argumentsJson());
          }
        }
      }
      case TOOL -> {
        for (ContentBlock b : m.content()) {
          if (b instanceof ContentBlock.ToolResult tr) {
            toolOutput(tr, out);
          }
        }
      }
    }
  }

  private static void toolOutput(ContentBlock.ToolResult tr, ArrayNode out) {
    out.addObject().put("type", "function_call_output").put("call_id", tr.toolCallId()).put("output", tr.content());
  }

  private static void userPart(ContentBlock b, ArrayNode content) {
    if (b instanceof ContentBlock.Text t) {
      content.addObject().put("type", "input_text").put("text", t.text());
    } else if (b instanceof ContentBlock.Image img) {
      String url = img.url() != null ? img.url() : CodecSupport.dataUrl(img.mediaType(), img.base64Data());
      content.addObject().put("type", "input_image").put("image_url", url).put("detail", "auto");
    } else if (b instanceof ContentBlock.Document d) {
      CodecSupport.requireResolved(d, FORMAT);
      ObjectNode file = content.addObject().put("type", "input_file");
      // inline data names its file (the API asks for a filename beside file_data): the caller's, else one from the
      // media type; a URL is fetched by the server, which names the file itself
      if (d.base64Data() != null) {
        file.put("filename", CodecSupport.filename(d)).put("file_data", CodecSupport.dataUrl(d.mediaType(),
            d.base64Data()));
      } else if (CodecSupport.splitDataUrl(d.url()) != null) {
        file.put("filename", CodecSupport.filename(d)).put("file_data", d.url());
      } else {
        if (d.filename() != null) {
          file.put("filename", d.filename());
        }
        file.put("file_url", d.url());
      }
    } else if (b instanceof ContentBlock.Audio) {
      throw new ProtocolException("the " + FORMAT + " wire format takes no audio input (its message parts are "
          + "input_text, input_image and input_file); send audio to a chat-completions model");
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
    CodecSupport.requireResponse(body, "output", manifest, STYLE);
    String status = CodecSupport.text(body, "status");
    JsonNode error = body.get("error");
    if ((error != null && error.isObject()) || "failed".equals(status)) {
      throw ErrorClassifier.classify(body, 200, manifest.errors()).toException("provider '" + manifest.id() + "'",
          Redactor.NONE);
    }
    JsonNode output = body.get("output");
    if (output == null || !output.isArray()) {
      throw Answers.notAResponse(manifest.id(), STYLE, "\"output\" is " + Answers.describe(output)
          + ", expected an array");
    }
    StringBuilder content = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    Reasoning reasoning = new Reasoning();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode item : output) {
      switch (item.path("type").asText("")) {
        case "message" -> {
          for (JsonNode part : item.path("content")) {
            String type = part.path("type").asText("");
            String text = type.equals("output_text") ? CodecSupport.text(part, "text")
                : type.equals("refusal") ? CodecSupport.text(part, "refusal") : null;
            if (text != null) {
              content.append(text);
            }
          }
        }
        case "function_call" -> calls.add(new ToolCall(ToolCallIds.orNew(CodecSupport.text(item, "call_id")),
            item.path("name").asText(), CodecSupport.argumentsText(item.get("arguments"))));
        case "reasoning" -> reasoning.add(item, thinking);
        default -> {
          // built-in tool calls and other items carry nothing the canonical answer holds
        }
      }
    }
    String raw = status;
    if ("incomplete".equals(status)) {
      String why = CodecSupport.text(body.path("incomplete_details"), "reason");
      raw = why != null ? why : status;
    }
    FinishReason reason = FinishReasons.resolve(raw, manifest.termination(), !calls.isEmpty());
    String text = thinking.toString();
    return new ChatResponse(content.toString(), calls, reason, raw, UsageReader.read(body.get("usage")),
        CodecSupport.text(body, "model"), CodecSupport.text(body, "id"), requestId, text, reasoning.blocks(text));
  }

  /**
   * The reasoning items of an answer as thinking blocks. An item's text is its summary parts joined by a blank line
   * (the stream rules put the same separator before every summary part after the first), else its
   * {@code reasoning_text} parts one after the other (as their deltas arrive in a stream). An item with encrypted
   * content ends a signed block ({@link ReasoningItems}) holding the text since the previous one; text without one
   * stays unsigned. As the stream's {@code ThinkingBlockEnded} events make them.
   */
  private static final class Reasoning {
    private final List<ContentBlock> blocks = new ArrayList<>();
    private int covered;

    void add(JsonNode item, StringBuilder thinking) {
      JsonNode summary = item.path("summary");
      boolean hasSummary = summary.isArray() && !summary.isEmpty();
      int n = 0;
      for (JsonNode part : hasSummary ? summary : item.path("content")) {
        String text = CodecSupport.text(part, "text");
        if (text != null) {
          thinking.append(hasSummary && n++ > 0 ? "\n\n" : "").append(text);
        }
      }
      String signature = ReasoningItems.signature(item);
      if (signature != null) {
        blocks.add(new ContentBlock.Thinking(thinking.substring(covered), signature));
        covered = thinking.length();
      }
    }

    /** The blocks: the signed ones, then the text after the last as one unsigned block. */
    List<ContentBlock> blocks(String thinking) {
      List<ContentBlock> all = new ArrayList<>(blocks);
      if (covered < thinking.length()) {
        all.add(new ContentBlock.Thinking(thinking.substring(covered), null));
      }
      return all;
    }
  }

}
