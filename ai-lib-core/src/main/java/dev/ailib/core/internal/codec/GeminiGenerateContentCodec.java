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
import dev.ailib.api.Role;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.internal.structured.StructuredModes;
import dev.ailib.core.internal.response.AnswerFields;
import dev.ailib.core.internal.response.Answers;
import dev.ailib.core.internal.response.FinishReasons;
import dev.ailib.core.internal.response.ToolCallIds;
import dev.ailib.core.internal.response.UsageReader;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Gemini generateContent format: {@code contents} of {@code parts} with roles {@code user} and {@code model},
 * {@code systemInstruction}, {@code tools[].functionDeclarations}, {@code functionCall} / {@code functionResponse}
 * parts, {@code toolConfig}, {@code generationConfig} ({@code temperature}, {@code topP}, {@code maxOutputTokens},
 * {@code stopSequences} and every other parameter the manifest declares; undeclared extras go to the top level),
 * {@code inlineData} for base64 and data-URL images and {@code fileData} for other URLs. The model is in the
 * path, not the body.
 *
 * <p>Thought signatures: a {@code functionCall} part's {@code thoughtSignature} (its sibling in the part; for
 * parallel calls only the first part has one) becomes the call's {@link ToolCall#signature()}, and an assistant
 * message's call with a signature is written back as that part's {@code thoughtSignature}, exactly as received
 * (Gemini 3 rejects a function call of the current turn without it). This format is the only one whose answers put
 * a signature on a call, so every signature on a call is one of Gemini's and the other formats never write one. A
 * {@code thoughtSignature} on a text part (the last part of an answer without calls; not checked by the API) is
 * not kept. Streams use the stream path (from the manifest, else {@code :streamGenerateContent}) with
 * {@code alt=sse}. The format has no call ids: decoded calls get generated ids, and a tool result is matched to
 * its call's name through the id of the call in the conversation.
 */
final class GeminiGenerateContentCodec implements WireCodec {
  static final GeminiGenerateContentCodec INSTANCE = new GeminiGenerateContentCodec();

  private static final String STYLE = "a Gemini GenerateContentResponse";
  private static final AnswerFields READ = AnswerFields.of("candidates[0].content.parts[*].text",
      "candidates[0].content.parts[*].thought", "candidates[0].content.parts[*].functionCall",
      "candidates[0].content.parts[*].thoughtSignature",
      "candidates[0].finishReason", "usageMetadata", "modelVersion", "responseId", "promptFeedback.blockReason",
      "error");

  private static final String FORMAT = "Gemini generateContent";

  /** The protocol's names where Gemini's are not their camel case. */
  private static final Map<String, String> WIRE_NAMES = Map.of(
      "max_tokens", "maxOutputTokens",
      "stop", "stopSequences",
      "stop_sequences", "stopSequences",
      "n", "candidateCount");

  /** The request's own fields a parameter may set (GenerateContentRequest, v1beta). */
  private static final java.util.Set<String> REQUEST_FIELDS = java.util.Set.of("safetySettings", "cachedContent");

  /** The fields of {@code generationConfig} (GenerationConfig, v1beta). */
  private static final java.util.Set<String> GENERATION_CONFIG = java.util.Set.of("stopSequences",
      "responseMimeType", "responseSchema", "responseJsonSchema", "responseModalities", "candidateCount",
      "maxOutputTokens", "temperature", "topP", "topK", "seed", "presencePenalty", "frequencyPenalty",
      "responseLogprobs", "logprobs", "enableEnhancedCivicAnswers", "speechConfig", "thinkingConfig", "imageConfig",
      "mediaResolution");

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private GeminiGenerateContentCodec() {
  }

  @Override
  public String chatPath(EndpointSpec endpoint, boolean stream) {
    if (!stream) {
      return endpoint.chatPath();
    }
    if (endpoint.streamChatPath() != null) {
      return endpoint.streamChatPath();
    }
    return endpoint.chatPath().replace(":generateContent", ":streamGenerateContent");
  }

  @Override
  public Map<String, String> streamQuery(EndpointSpec endpoint) {
    return Map.of("alt", "sse");
  }

  @Override
  public byte[] encode(EncodeInput in) {
    return CodecSupport.bytes(tree(in));
  }

  /**
   * {@code models/{model}:countTokens} with the whole request as {@code generateContentRequest} (so the system
   * instruction and the tools are counted too, which {@code contents} alone would leave out).
   */
  @Override
  public byte[] encodeTokenCount(EncodeInput in) {
    ObjectNode request = tree(in);
    request.put("model", in.modelId().startsWith("models/") ? in.modelId() : "models/" + in.modelId());
    ObjectNode root = NODES.objectNode();
    root.set("generateContentRequest", request);
    return CodecSupport.bytes(root);
  }

  /** {@code {"totalTokens": N, ...}}. */
  @Override
  public long decodeTokenCount(JsonNode body, ProviderManifest manifest) {
    return CodecSupport.count(body, "totalTokens", manifest, "a Gemini token count");
  }

  /** The request body as a tree. */
  private static ObjectNode tree(EncodeInput in) {
    ChatRequest r = in.request();
    ObjectNode root = NODES.objectNode();
    Map<String, String> callNames = new HashMap<>();
    StringBuilder system = new StringBuilder();
    ArrayNode contents = root.putArray("contents");
    String lastRole = null;
    ArrayNode parts = null;
    for (Message m : r.messages()) {
      if (m.role() == Role.SYSTEM) {
        if (system.length() > 0) {
          system.append("\n\n");
        }
        system.append(m.text());
        continue;
      }
      String role = m.role() == Role.ASSISTANT ? "model" : "user";
      if (!role.equals(lastRole)) {
        ObjectNode c = contents.addObject().put("role", role);
        parts = c.putArray("parts");
        lastRole = role;
      }
      for (ContentBlock b : m.content()) {
        part(b, m.role(), parts, callNames);
      }
    }
    if (system.length() > 0) {
      root.putObject("systemInstruction").putArray("parts").addObject().put("text", system.toString());
    }
    if (!r.tools().isEmpty()) {
      ArrayNode decls = root.putArray("tools").addObject().putArray("functionDeclarations");
      for (ToolDefinition t : r.tools()) {
        ObjectNode d = decls.addObject().put("name", t.name());
        if (t.description() != null) {
          d.put("description", t.description());
        }
        JsonNode schema = CodecSupport.parse(t.parametersSchema(), "parameters schema of tool '" + t.name() + "'");
        if ("responseSchema".equals(StructuredModes.geminiSchemaField(in.manifest()))) {
          // an endpoint that takes only the OpenAPI Schema subset (the manifest says so for its response schema):
          // JSON-schema-only keys are converted or dropped
          d.set("parameters", OpenApiSchema.convert(schema, "the parameters schema of tool '" + t.name() + "'", false));
        } else {
          // parametersJsonSchema takes JSON Schema as written (additionalProperties, $defs, anyOf, ...); the
          // parameters field takes only the OpenAPI subset and rejects those keywords
          d.set("parametersJsonSchema", schema);
        }
      }
    }
    if (r.toolChoice() != null) {
      ObjectNode fcc = root.putObject("toolConfig").putObject("functionCallingConfig");
      switch (r.toolChoice().mode()) {
        case AUTO -> fcc.put("mode", "AUTO");
        case NONE -> fcc.put("mode", "NONE");
        case REQUIRED -> fcc.put("mode", "ANY");
        case TOOL -> {
          fcc.put("mode", "ANY");
          fcc.putArray("allowedFunctionNames").add(r.toolChoice().toolName());
        }
      }
    }
    ObjectNode gen = NODES.objectNode();
    for (WireParam p : in.params()) {
      if (p.wireName() != null && CodecSupport.isPath(p.wireName())) {
        CodecSupport.putPath(root, p.wireName(), p.value()); // the manifest names the place: generationConfig.topK
        continue;
      }
      String name = p.wireName() != null ? p.wireName()
          : WIRE_NAMES.getOrDefault(p.name(), CodecSupport.camelCase(p.name()));
      if (REQUEST_FIELDS.contains(name)) {
        CodecSupport.putValue(root, name, p.value()); // safetySettings, cachedContent
      } else if (p.wireName() != null || GENERATION_CONFIG.contains(name)) {
        CodecSupport.putValue(gen, name, p.value());
      } else {
        throw CodecSupport.unknownParameter(p.name(), in.manifest(), FORMAT, union(REQUEST_FIELDS, GENERATION_CONFIG));
      }
    }
    if (r.responseFormat() != null) {
      switch (r.responseFormat().type()) {
        case TEXT -> gen.put("responseMimeType", "text/plain");
        case JSON_OBJECT -> gen.put("responseMimeType", "application/json");
        case JSON_SCHEMA -> {
          // GenerationConfig: responseJsonSchema takes JSON Schema; responseSchema the OpenAPI subset
          gen.put("responseMimeType", "application/json");
          String field = StructuredModes.geminiSchemaField(in.manifest());
          JsonNode schema = CodecSupport.schema(r.responseFormat());
          gen.set(field, field.equals("responseSchema") ? OpenApiSchema.convert(schema, "response schema '"
              + r.responseFormat().schemaName() + "'", true) : schema);
        }
      }
    }
    if (!gen.isEmpty()) {
      JsonNode nested = root.get("generationConfig");
      if (nested instanceof ObjectNode o) {
        o.setAll(gen);
      } else {
        root.set("generationConfig", gen);
      }
    }
    return root;
  }

  private static void part(ContentBlock b, Role role, ArrayNode out, Map<String, String> callNames) {
    if (b instanceof ContentBlock.Text t) {
      out.addObject().put("text", t.text());
    } else if (b instanceof ContentBlock.Image img) {
      String[] data = CodecSupport.splitDataUrl(img.url());
      if (img.base64Data() != null) {
        out.addObject().putObject("inlineData").put("mimeType", img.mediaType()).put("data", img.base64Data());
      } else if (data != null) {
        out.addObject().putObject("inlineData").put("mimeType", data[0]).put("data", data[1]);
      } else {
        out.addObject().putObject("fileData").put("mimeType", guessImageType(img.url())).put("fileUri", img.url());
      }
    } else if (b instanceof ContentBlock.Document d) {
      CodecSupport.requireResolved(d, "generateContent");
      String[] data = d.url() == null ? null : CodecSupport.splitDataUrl(d.url());
      if (d.base64Data() != null) {
        out.addObject().putObject("inlineData").put("mimeType", d.mediaType()).put("data", d.base64Data());
      } else if (data != null) {
        out.addObject().putObject("inlineData").put("mimeType", data[0]).put("data", data[1]);
      } else {
        ObjectNode file = out.addObject().putObject("fileData");
        if (d.mediaType() != null) {
          file.put("mimeType", d.mediaType());
        }
        file.put("fileUri", d.url());
      }
    } else if (b instanceof ContentBlock.Audio a) {
      out.addObject().putObject("inlineData").put("mimeType", "audio/" + a.format().toLowerCase(Locale.ROOT))
          .put("data", a.base64Data());
    } else if (b instanceof ContentBlock.ToolUse tu) {
      if (role != Role.ASSISTANT) {
        throw new ProtocolException("a tool call can only appear in an assistant message");
      }
      ToolCall c = tu.call();
      if (c.id() != null) {
        callNames.put(c.id(), c.name());
      }
      ObjectNode p = out.addObject();
      p.putObject("functionCall").put("name", c.name())
          .set("args", CodecSupport.parse(c.argumentsJson(), "arguments of tool call '" + c.name() + "'"));
      if (c.signature() != null) {
        p.put("thoughtSignature", c.signature()); // the Part's field, beside functionCall, as the answer had it
      }
    } else if (b instanceof ContentBlock.Thinking || b instanceof ContentBlock.RedactedThinking) {
      if (role != Role.ASSISTANT) {
        throw new ProtocolException("thinking can only appear in an assistant message");
      }
      // the model's earlier thoughts are not sent back to this format
    } else if (b instanceof ContentBlock.ToolResult tr) {
      String name = callNames.get(tr.toolCallId());
      if (name == null) {
        throw new ProtocolException("tool result for call id '" + tr.toolCallId() + "' has no matching tool call "
            + "earlier in the conversation; this wire format needs the call (Message.assistantToolCalls) to name the "
            + "function");
      }
      ObjectNode response = CodecSupport.objectOrNull(tr.content());
      if (response == null) {
        response = NODES.objectNode().put("content", tr.content());
      }
      ObjectNode fr = out.addObject().putObject("functionResponse").put("name", name);
      fr.set("response", response);
    }
  }

  /** A part's {@code thoughtSignature} (base64 text, kept as it is), or null when it has none. */
  private static String signature(JsonNode part, int position, ProviderManifest manifest) {
    JsonNode s = part.get("thoughtSignature");
    if (s == null || s.isNull()) {
      return null;
    }
    if (!s.isTextual()) {
      throw Answers.notAResponse(manifest.id(), STYLE, "\"candidates[0].content.parts[" + position
          + "].thoughtSignature\" is " + Answers.describe(s) + ", expected a string");
    }
    return s.textValue();
  }

  private static String guessImageType(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    int q = u.indexOf('?');
    if (q >= 0) {
      u = u.substring(0, q);
    }
    if (u.endsWith(".png")) {
      return "image/png";
    }
    if (u.endsWith(".gif")) {
      return "image/gif";
    }
    if (u.endsWith(".webp")) {
      return "image/webp";
    }
    return "image/jpeg";
  }

  @Override
  public AnswerFields answerFields() {
    return READ;
  }

  @Override
  public ChatResponse decode(JsonNode body, ProviderManifest manifest, String requestId) {
    CodecSupport.requireResponse(body, "candidates", manifest, STYLE);
    String id = CodecSupport.text(body, "responseId");
    String model = CodecSupport.text(body, "modelVersion");
    String blocked = CodecSupport.text(body.path("promptFeedback"), "blockReason");
    if (blocked != null && body.path("candidates").isEmpty()) {
      // the prompt itself was blocked: no candidate, the block reason is the finish reason
      return new ChatResponse("", List.of(), FinishReasons.resolve(blocked, manifest.termination(), false), blocked,
          UsageReader.read(body.get("usageMetadata")), model, id, requestId, "");
    }
    JsonNode candidate = CodecSupport.requireNonEmptyArray(body, "candidates", "candidates", manifest, STYLE).get(0);
    CodecSupport.requireObject(candidate, "candidates[0]", manifest, STYLE);
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    int position = 0;
    for (JsonNode part : candidate.path("content").path("parts")) {
      if (part.has("functionCall")) {
        JsonNode fc = part.get("functionCall");
        calls.add(new ToolCall(ToolCallIds.orNew(CodecSupport.text(fc, "id")), fc.path("name").asText(),
            CodecSupport.argumentsText(fc.get("args")), signature(part, position, manifest)));
      } else if (part.has("text")) {
        (part.path("thought").asBoolean(false) ? thinking : text).append(part.get("text").asText());
      }
      position++;
    }
    String raw = CodecSupport.text(candidate, "finishReason");
    FinishReason reason = FinishReasons.resolve(raw, manifest.termination(), !calls.isEmpty());
    return new ChatResponse(text.toString(), calls, reason, raw, UsageReader.read(body.get("usageMetadata")), model,
        id, requestId, thinking.toString());
  }
}
