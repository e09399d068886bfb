package dev.ailib.core.internal.codec;

import static dev.ailib.core.internal.codec.CodecSupport.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.Message;
import dev.ailib.api.ResponseFormat;
import dev.ailib.api.Role;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.internal.structured.StructuredModes;
import dev.ailib.core.internal.response.AnswerFields;
import dev.ailib.core.internal.response.FinishReasons;
import dev.ailib.core.internal.response.ReasoningItems;
import dev.ailib.core.internal.response.ToolCallIds;
import dev.ailib.core.internal.response.UsageReader;
import dev.ailib.core.spi.manifest.ParameterSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Anthropic messages format: system messages go to the top-level {@code system}; {@code max_tokens} is always
 * sent (the caller's value, else the manifest's default, else {@value #DEFAULT_MAX_TOKENS} capped by the model's
 * and the manifest's maximum); content blocks ({@code text}, {@code image} with a base64 or URL source,
 * {@code tool_use}, {@code tool_result}); tools with {@code input_schema}; stop sequences as
 * {@code stop_sequences}; remote MCP servers for the provider's MCP connector ({@link AnthropicMcpServers}, with its
 * beta header); prompt-cache breakpoints when the request asks for caching ({@link AnthropicCache}).
 * Consecutive messages of the same role are merged, as the format requires alternation.
 * Headers ({@code x-api-key}, the version header) come from the manifest's auth section, not from here.
 */
final class AnthropicMessagesCodec implements WireCodec {
  static final AnthropicMessagesCodec INSTANCE = new AnthropicMessagesCodec();

  /** The output limit sent when neither the caller nor the manifest gives one. */
  static final int DEFAULT_MAX_TOKENS = 4096;

  private static final String STYLE = "an Anthropic message";
  private static final AnswerFields READ = AnswerFields.of("content[*].type", "content[*].text",
      "content[*].thinking", "content[*].signature", "content[*].data", "content[*].id", "content[*].name",
      "content[*].input", "stop_reason", "usage", "model", "id", "error", "request_id");

  private static final String FORMAT = "Anthropic messages";

  /** The request's top-level fields (the Anthropic SDK's message create parameters, with the beta ones). */
  static final java.util.Set<String> REQUEST_FIELDS = java.util.Set.of("model", "messages", "max_tokens", "system",
      "metadata", "stop_sequences", "stream", "temperature", "top_p", "top_k", "tools", "tool_choice", "thinking",
      "service_tier", "container", "cache_control", "inference_geo", "output_config", "mcp_servers",
      "context_management");

  /** Protocol names with a place of their own in this format. */
  private static final java.util.Map<String, String> WIRE_NAMES = java.util.Map.of("stop", "stop_sequences",
      "user", "metadata.user_id");

  private AnthropicMessagesCodec() {
  }

  @Override
  public byte[] encode(EncodeInput in) {
    return CodecSupport.bytes(tree(in));
  }

  /** The request body as a tree. */
  private static ObjectNode tree(EncodeInput in) {
    ChatRequest r = in.request();
    ObjectNode root = NODES.objectNode();
    root.put("model", in.modelId());
    StringBuilder system = new StringBuilder();
    ArrayNode messages = NODES.arrayNode();
    String lastRole = null;
    ArrayNode lastContent = null;
    for (Message m : r.messages()) {
      if (m.role() == Role.SYSTEM) {
        if (system.length() > 0) {
          system.append("\n\n");
        }
        system.append(m.text());
        continue;
      }
      String role = m.role() == Role.ASSISTANT ? "assistant" : "user";
      if (!role.equals(lastRole)) {
        ObjectNode msg = messages.addObject().put("role", role);
        lastContent = msg.putArray("content");
        lastRole = role;
      }
      for (ContentBlock b : m.content()) {
        block(b, m.role(), lastContent);
      }
    }
    if (system.length() > 0) {
      root.put("system", system.toString());
    }
    root.set("messages", messages);
    for (WireParam p : in.params()) {
      if (p.name().equals(ChatRequest.MCP_SERVERS) && !r.remoteMcpServers().isEmpty()) {
        continue; // written below in the connector's shape
      }
      String name;
      if (p.wireName() != null) {
        name = p.wireName(); // declared by the manifest: its name and place
      } else {
        name = WIRE_NAMES.getOrDefault(p.name(), p.name());
        String top = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (!REQUEST_FIELDS.contains(top)) {
          throw CodecSupport.unknownParameter(p.name(), in.manifest(), FORMAT, REQUEST_FIELDS);
        }
      }
      CodecSupport.putPath(root, name, p.value());
    }
    maxTokens(in, root);
    if (!r.tools().isEmpty()) {
      ArrayNode tools = root.putArray("tools");
      for (ToolDefinition t : r.tools()) {
        ObjectNode tool = tools.addObject().put("name", t.name());
        if (t.description() != null) {
          tool.put("description", t.description());
        }
        tool.set("input_schema", CodecSupport.parse(t.parametersSchema(), "parameters schema of tool '" + t.name()
            + "'"));
      }
    }
    AnthropicMcpServers.encode(r, in.manifest(), root);
    if (r.toolChoice() != null) {
      ObjectNode tc = root.putObject("tool_choice");
      switch (r.toolChoice().mode()) {
        case AUTO -> tc.put("type", "auto");
        case NONE -> tc.put("type", "none");
        case REQUIRED -> tc.put("type", "any");
        case TOOL -> tc.put("type", "tool").put("name", r.toolChoice().toolName());
      }
      forcedToolWithThinking(in, root, tc.path("type").asText());
    }
    if (r.responseFormat() != null && r.responseFormat().type() == ResponseFormat.Type.JSON_SCHEMA
        && StructuredModes.enforcedSchema(in.manifest())) {
      // structured outputs: output_config.format (Anthropic "Structured outputs"); the answer is the text block
      root.putObject("output_config").putObject("format").put("type", "json_schema")
          .set("schema", CodecSupport.schema(r.responseFormat()));
    } else if (r.responseFormat() != null && r.responseFormat().type() != ResponseFormat.Type.TEXT) {
      throw new ProtocolException("responseFormat " + r.responseFormat().type() + " is not supported by the "
          + "messages wire format of provider '" + in.manifest().id() + "'"
          + (r.responseFormat().type() == ResponseFormat.Type.JSON_SCHEMA ? " unless its manifest declares "
              + "capabilities.structured_output.json_schema_mode (manifest " + in.manifest().source() + ")" : "")
          + "; for a typed answer use executeAs(...), which asks this provider with a forced tool call");
    }
    AnthropicCache.apply(root, r.promptCache());
    if (in.stream()) {
      root.put("stream", true);
    }
    return root;
  }

  /** The fields the token-counting endpoint takes (the Anthropic API's count_tokens parameters). */
  private static final java.util.Set<String> COUNT_FIELDS = java.util.Set.of("model", "messages", "system", "tools",
      "tool_choice", "thinking", "mcp_servers", "output_config", "context_management");

  /** {@code /v1/messages/count_tokens}: the messages body without the fields only generation takes. */
  @Override
  public byte[] encodeTokenCount(EncodeInput in) {
    ObjectNode root = tree(in);
    root.retain(COUNT_FIELDS);
    return CodecSupport.bytes(root);
  }

  /** {@code {"input_tokens": N}}. */
  @Override
  public long decodeTokenCount(JsonNode body, ProviderManifest manifest) {
    return CodecSupport.count(body, "input_tokens", manifest, "an Anthropic token count");
  }

  @Override
  public boolean encodesRemoteMcpServers() {
    return true;
  }

  /** The beta flags a request's features need: the MCP connector's, the one-hour cache's. */
  @Override
  public Map<String, String> requestHeaders(EncodeInput in) {
    Map<String, String> mcp = AnthropicMcpServers.headers(in);
    if (!AnthropicCache.needsExtendedTtl(in.request().promptCache())) {
      return mcp;
    }
    String mcpBeta = mcp.get(AnthropicMcpServers.BETA_HEADER);
    return Map.of(AnthropicMcpServers.BETA_HEADER, mcpBeta == null ? AnthropicCache.EXTENDED_TTL_BETA
        : mcpBeta + ", " + AnthropicCache.EXTENDED_TTL_BETA);
  }

  /**
   * Anthropic refuses a forced tool choice ({@code any} or {@code tool}) while extended thinking is on ("Thinking may
   * not be enabled when tool_choice forces tool use"): refused here, before sending, with what to do instead.
   */
  private static void forcedToolWithThinking(EncodeInput in, ObjectNode root, String choice) {
    JsonNode thinking = root.get("thinking");
    if (thinking == null || thinking.isNull() || "disabled".equals(thinking.path("type").asText())
        || !(choice.equals("any") || choice.equals("tool"))) {
      return;
    }
    throw new ProtocolException("tool_choice '" + choice + "' forces a tool call, which provider '"
        + in.manifest().id() + "' does not accept while extended thinking is on (thinking.type "
        + thinking.path("type").asText("?") + "): use tool choice auto or none, or turn thinking off; a typed answer "
        + "(executeAs) with thinking needs StructuredOptions.DEFAULTS.withMode(StructuredOutputMode.PROMPT), or "
        + "JSON_SCHEMA where the manifest declares capabilities.structured_output.json_schema_mode"
        + "; the request was not sent");
  }

  /**
   * {@code max_tokens} is required: the caller's, else the manifest's default, else {@link #DEFAULT_MAX_TOKENS}
   * capped. With extended thinking ({@code thinking.budget_tokens}) it must be above the budget: a default is raised
   * to the budget plus the default answer room (capped by the model's maximum), a value the caller set that is not
   * above the budget is refused before sending.
   */
  private static void maxTokens(EncodeInput in, ObjectNode root) {
    JsonNode given = root.get("max_tokens");
    boolean callerSet = in.request().maxTokens() != null || in.request().extraParams().containsKey("max_tokens");
    long value = given != null && given.canConvertToLong() ? given.asLong() : defaultMaxTokens(in);
    JsonNode budgetNode = root.path("thinking").get("budget_tokens");
    if (budgetNode != null && budgetNode.canConvertToLong()
        && !"disabled".equals(root.path("thinking").path("type").asText())) {
      long budget = budgetNode.asLong();
      Long modelMax = in.modelSpec() == null ? null : in.modelSpec().maxOutputTokens();
      if (value <= budget) {
        if (callerSet) {
          throw new ProtocolException("max_tokens " + value + " must be above thinking.budget_tokens " + budget
              + " (extended thinking counts toward max_tokens) for provider '" + in.manifest().id() + "'; the request "
              + "was not sent");
        }
        value = budget + DEFAULT_MAX_TOKENS;
        if (modelMax != null) {
          value = Math.min(value, modelMax);
        }
        if (value <= budget) {
          throw new ProtocolException("thinking.budget_tokens " + budget + " leaves no room for an answer within the "
              + "output limit " + modelMax + " of model '" + in.modelId() + "' (provider '" + in.manifest().id()
              + "'); the request was not sent");
        }
      }
    }
    root.put("max_tokens", value);
  }

  /** The caller gave none: the manifest's default, else {@link #DEFAULT_MAX_TOKENS} capped by the known maxima. */
  static long defaultMaxTokens(EncodeInput in) {
    ParameterSpec spec = in.manifest().parameters().get("max_tokens");
    if (spec != null && spec.defaultValue() instanceof Number n) {
      return n.longValue();
    }
    long value = DEFAULT_MAX_TOKENS;
    if (spec != null && spec.max() != null) {
      value = Math.min(value, spec.max().longValue());
    }
    if (in.modelSpec() != null && in.modelSpec().maxOutputTokens() != null) {
      value = Math.min(value, in.modelSpec().maxOutputTokens());
    }
    return Math.max(1, value);
  }

  private static void block(ContentBlock b, Role role, ArrayNode out) {
    if (b instanceof ContentBlock.Text t) {
      out.addObject().put("type", "text").put("text", t.text());
    } else if (b instanceof ContentBlock.Image img) {
      ObjectNode source = out.addObject().put("type", "image").putObject("source");
      String[] data = CodecSupport.splitDataUrl(img.url());
      if (img.base64Data() != null) {
        source.put("type", "base64").put("media_type", img.mediaType()).put("data", img.base64Data());
      } else if (data != null) {
        source.put("type", "base64").put("media_type", data[0]).put("data", data[1]);
      } else {
        source.put("type", "url").put("url", img.url());
      }
    } else if (b instanceof ContentBlock.Document d) {
      CodecSupport.requireResolved(d, "messages");
      ObjectNode doc = out.addObject().put("type", "document");
      if (d.filename() != null) {
        doc.put("title", d.filename());
      }
      ObjectNode source = doc.putObject("source");
      String[] data = d.url() == null ? null : CodecSupport.splitDataUrl(d.url());
      if (d.base64Data() != null) {
        source.put("type", "base64").put("media_type", d.mediaType()).put("data", d.base64Data());
      } else if (data != null) {
        source.put("type", "base64").put("media_type", data[0]).put("data", data[1]);
      } else {
        source.put("type", "url").put("url", d.url());
      }
    } else if (b instanceof ContentBlock.Audio) {
      throw new ProtocolException("audio input is not supported by the messages wire format");
    } else if (b instanceof ContentBlock.ToolUse tu) {
      if (role != Role.ASSISTANT) {
        throw new ProtocolException("a tool call can only appear in an assistant message, found in a "
            + role.name().toLowerCase(java.util.Locale.ROOT) + " message");
      }
      ToolCall c = tu.call();
      out.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name())
          .set("input", CodecSupport.parse(c.argumentsJson(), "arguments of tool call '" + c.name() + "'"));
    } else if (b instanceof ContentBlock.ToolResult tr) {
      ObjectNode res = out.addObject().put("type", "tool_result").put("tool_use_id", tr.toolCallId())
          .put("content", tr.content());
      if (tr.isError()) {
        res.put("is_error", true);
      }
    } else if (b instanceof ContentBlock.Thinking th) {
      if (role != Role.ASSISTANT) {
        throw new ProtocolException("thinking can only appear in an assistant message");
      }
      if (th.signature() != null && !ReasoningItems.isAiLibForm(th.signature())) {
        out.addObject().put("type", "thinking").put("thinking", th.text()).put("signature", th.signature());
      }
      // unsigned thinking (text only) or another provider's (an OpenAI reasoning item) cannot be sent back to this
      // format: dropped
    } else if (b instanceof ContentBlock.RedactedThinking rt) {
      if (role != Role.ASSISTANT) {
        throw new ProtocolException("thinking can only appear in an assistant message");
      }
      out.addObject().put("type", "redacted_thinking").put("data", rt.data());
    }
  }

  @Override
  public AnswerFields answerFields() {
    return READ;
  }

  @Override
  public ChatResponse decode(JsonNode body, ProviderManifest manifest, String requestId) {
    CodecSupport.requireResponse(body, "content", manifest, STYLE);
    JsonNode content = body.get("content");
    if (content == null || !content.isArray()) {
      throw dev.ailib.core.internal.response.Answers.notAResponse(manifest.id(), STYLE, "\"content\" is "
          + dev.ailib.core.internal.response.Answers.describe(content) + ", expected an array");
    }
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    List<ContentBlock> thinkingBlocks = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : content) {
      switch (block.path("type").asText()) {
        case "text" -> text.append(block.path("text").asText());
        case "thinking" -> {
          thinking.append(block.path("thinking").asText());
          thinkingBlocks.add(new ContentBlock.Thinking(block.path("thinking").asText(),
              CodecSupport.text(block, "signature")));
        }
        case "redacted_thinking" -> thinkingBlocks.add(new ContentBlock.RedactedThinking(block.path("data").asText()));
        case "tool_use" -> calls.add(new ToolCall(ToolCallIds.orNew(CodecSupport.text(block, "id")), block.path("name").asText(),
            CodecSupport.argumentsText(block.get("input"))));
        default -> {
          // other block kinds (server tool results) carry nothing for the caller
        }
      }
    }
    String raw = CodecSupport.text(body, "stop_reason");
    return new ChatResponse(text.toString(), calls, FinishReasons.resolve(raw, manifest.termination(),
        !calls.isEmpty()), raw, UsageReader.read(body.get("usage")), CodecSupport.text(body, "model"),
        CodecSupport.text(body, "id"), requestId, thinking.toString(), thinkingBlocks);
  }
}
