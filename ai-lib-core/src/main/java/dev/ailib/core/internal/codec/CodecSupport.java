package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.Message;
import dev.ailib.api.ResponseFormat;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.internal.json.CoreJson;
import dev.ailib.core.internal.response.Answers;
import dev.ailib.core.internal.response.ErrorClassifier;
import dev.ailib.core.internal.response.Redactor;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Helpers shared by the codecs. */
final class CodecSupport {
  static final ObjectMapper MAPPER = CoreJson.MAPPER;
  static final JsonNodeFactory NODES = CoreJson.NODES;

  private CodecSupport() {
  }

  static byte[] bytes(JsonNode root) {
    return CoreJson.bytes(root);
  }

  /** Parses JSON text the caller gave (tool arguments, schemas); the error names what it was. */
  static JsonNode parse(String json, String what) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ProtocolException(what + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Parses JSON text that may not be JSON (a tool's result); returns null when it is not an object. */
  static ObjectNode objectOrNull(String text) {
    try {
      JsonNode n = MAPPER.readTree(text);
      return n instanceof ObjectNode o ? o : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Puts a JSON-like Java value (number, string, boolean, list, map) into an object. */
  static void putValue(ObjectNode target, String name, Object value) {
    target.set(name, MAPPER.valueToTree(value));
  }

  /**
   * Puts a value at a wire name in which dots mean nesting, as manifests write them
   * ({@code generationConfig.temperature} is {@code "generationConfig": {"temperature": ...}}); objects on the way
   * are created or extended.
   *
   * @param target the object the path starts from
   * @param wireName the name, such as {@code temperature} or {@code generationConfig.maxOutputTokens}
   * @param value the value
   * @throws ProtocolException when a step on the way already holds something that is not an object
   */
  static void putPath(ObjectNode target, String wireName, Object value) {
    ObjectNode at = target;
    int from = 0;
    int dot;
    while ((dot = wireName.indexOf('.', from)) > from) {
      String step = wireName.substring(from, dot);
      JsonNode next = at.get(step);
      if (next == null || next.isNull()) {
        at = at.putObject(step);
      } else if (next instanceof ObjectNode o) {
        at = o;
      } else {
        throw new ProtocolException("cannot set '" + wireName + "': '" + wireName.substring(0, dot) + "' is already "
            + "set to a value that is not an object");
      }
      from = dot + 1;
    }
    putValue(at, wireName.substring(from), value);
  }

  /**
   * The error for a parameter a closed request schema has no field for and the manifest does not declare.
   *
   * @param name the parameter as the caller named it
   * @param manifest the provider's manifest
   * @param wireFormat the wire format's name
   * @param fields the format's request fields, for the message
   * @return the error
   */
  static ProtocolException unknownParameter(String name, ProviderManifest manifest, String wireFormat,
      java.util.Collection<String> fields) {
    return new ProtocolException(dev.ailib.api.error.StandardErrorCode.INVALID_REQUEST, "parameter '" + name
        + "' is not part of the " + wireFormat + " request (its fields: " + String.join(", ",
        new java.util.TreeSet<>(fields)) + ") and the manifest of provider '" + manifest.id() + "' does not declare "
        + "it; the request was not sent (declare it under 'parameters' in the manifest to send it anyway)",
        new dev.ailib.api.error.SourceLocation(manifest.source() == null ? "manifest of " + manifest.id()
            : manifest.source(), 0, 0, "parameters." + name), null);
  }

  /** The media types whose usual extension is not their subtype. */
  private static final java.util.Map<String, String> EXTENSIONS = java.util.Map.of("text/plain", "txt",
      "text/markdown", "md", "application/msword", "doc",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx");

  /**
   * A document's file name: the caller's, else {@code document} with the media type's extension
   * ({@code document.pdf}).
   *
   * @param d the document
   * @return the name
   */
  static String filename(dev.ailib.api.ContentBlock.Document d) {
    if (d.filename() != null) {
      return d.filename();
    }
    String type = d.mediaType();
    if (type == null && d.url() != null) {
      String[] data = splitDataUrl(d.url());
      type = data == null ? null : data[0];
    }
    if (type == null) {
      return "document";
    }
    String t = type.toLowerCase(java.util.Locale.ROOT).trim();
    int semi = t.indexOf(';');
    if (semi >= 0) {
      t = t.substring(0, semi).trim();
    }
    String ext = EXTENSIONS.get(t);
    if (ext == null) {
      ext = t.substring(t.indexOf('/') + 1).replaceAll("[^a-z0-9]", "");
    }
    return ext.isEmpty() ? "document" : "document." + ext;
  }

  /** {@code thinking_config} as {@code thinkingConfig}; a name without underscores is returned as it is. */
  static String camelCase(String name) {
    if (name.indexOf('_') < 0) {
      return name;
    }
    StringBuilder b = new StringBuilder(name.length());
    boolean up = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '_') {
        up = b.length() > 0;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }

  /** Whether a wire name is a path (holds a dot between names). */
  static boolean isPath(String wireName) {
    int dot = wireName.indexOf('.');
    return dot > 0 && dot < wireName.length() - 1;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static long number(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || !v.isNumber() ? 0 : v.asLong();
  }

  /** The JSON text of tool arguments: string values kept as they are, objects written out. */
  static String argumentsText(JsonNode args) {
    if (args == null || args.isNull() || args.isMissingNode()) {
      return "{}";
    }
    return args.isTextual() ? args.asText() : args.toString();
  }

  /**
   * Checks that a successful answer is the wire style's response object: a JSON object holding {@code field}. A
   * 2xx body that holds an {@code error} instead (some gateways answer 200 with an error) is classified as the
   * provider error it is, exactly as the same error in a stream frame.
   *
   * @param body the answer
   * @param field the field every response of the style has, such as {@code choices}
   * @param manifest the provider's manifest
   * @param wireStyle what the body should be, such as {@code an OpenAI chat completion}
   * @return the body, as an object
   */
  static JsonNode requireResponse(JsonNode body, String field, ProviderManifest manifest, String wireStyle) {
    if (body == null || !body.isObject()) {
      throw Answers.notAResponse(manifest.id(), wireStyle, "it is " + Answers.describe(body));
    }
    JsonNode error = body.get("error");
    if (error != null && !error.isNull() && !body.has(field)) {
      throw ErrorClassifier.classify(body, 200, manifest.errors()).toException("provider '" + manifest.id() + "'",
          Redactor.NONE);
    }
    return body;
  }

  /**
   * The array at {@code parent.field}, required to be a non-empty array.
   *
   * @param parent the object holding it
   * @param field the field name
   * @param path its path, for the message
   * @param manifest the provider's manifest
   * @param wireStyle what the body should be
   * @return the array
   */
  static JsonNode requireNonEmptyArray(JsonNode parent, String field, String path, ProviderManifest manifest,
      String wireStyle) {
    JsonNode a = parent.get(field);
    if (a != null && a.isArray() && a.isEmpty()) {
      throw Answers.notAResponse(manifest.id(), wireStyle, "\"" + path + "\" is an empty array");
    }
    if (a == null || !a.isArray()) {
      throw Answers.notAResponse(manifest.id(), wireStyle, "\"" + path + "\" is " + Answers.describe(a)
          + ", expected an array");
    }
    return a;
  }

  /**
   * Requires a value to be an object.
   *
   * @param n the value
   * @param path its path, for the message
   * @param manifest the provider's manifest
   * @param wireStyle what the body should be
   * @return the object
   */
  static JsonNode requireObject(JsonNode n, String path, ProviderManifest manifest, String wireStyle) {
    if (n == null || !n.isObject()) {
      throw Answers.notAResponse(manifest.id(), wireStyle, "\"" + path + "\" is " + Answers.describe(n)
          + ", expected an object");
    }
    return n;
  }

  static String dataUrl(String mediaType, String base64) {
    return "data:" + mediaType + ";base64," + base64;
  }

  /** A data URL split into media type and base64 data, or null when the URL is not a base64 data URL. */
  static String[] splitDataUrl(String url) {
    if (url == null || !url.startsWith("data:")) {
      return null;
    }
    int comma = url.indexOf(',');
    int semi = url.indexOf(";base64");
    if (comma < 0 || semi < 0 || semi > comma) {
      return null;
    }
    return new String[] {url.substring(5, semi), url.substring(comma + 1)};
  }

  static JsonNode schema(ResponseFormat format) {
    return parse(format.schemaJson(), "response format schema '" + format.schemaName() + "'");
  }

  /**
   * Fails on a document that is still a reference: the protocol's {@code ref_resolution: error_before_encode}.
   *
   * @param d the document
   * @param wireFormat the wire format's name, for the message
   */
  static void requireResolved(dev.ailib.api.ContentBlock.Document d, String wireFormat) {
    if (d.ref() != null) {
      throw new dev.ailib.api.error.ProtocolException("document reference '" + d.ref() + "' must be resolved to "
          + "base64 data or a URL before the request is encoded for the " + wireFormat + " wire format "
          + "(ref_resolution: error_before_encode); the request was not sent");
    }
  }

  /**
   * A token count in a counting endpoint's answer.
   *
   * @param body the answer
   * @param field the field holding the count
   * @param manifest the provider's manifest
   * @param style what the answer should be, for messages
   * @return the count
   * @throws ProtocolException ({@code server_error}) when the field is not a non-negative whole number
   */
  static long count(JsonNode body, String field, ProviderManifest manifest, String style) {
    requireResponse(body, field, manifest, style);
    JsonNode n = body.get(field);
    if (n == null || !n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
      throw dev.ailib.core.internal.response.Answers.notAResponse(manifest.id(), style, "\"" + field + "\" is "
          + dev.ailib.core.internal.response.Answers.describe(n) + ", expected a whole number of tokens");
    }
    return n.asLong();
  }

  /** The protocol name of the prompt-cache routing key. */
  static final String PROMPT_CACHE_KEY = "prompt_cache_key";


  /**
   * A prompt-cache key ({@link dev.ailib.api.PromptCache#key()}) is sent as {@code prompt_cache_key} (OpenAI's chat
   * completions and Responses APIs) when the manifest declares that parameter (OpenAI-compatible providers may refuse
   * unknown fields) and the caller did not set it as a parameter already.
   *
   * @param in what is encoded
   * @param root the request body
   */
  static void promptCacheKey(EncodeInput in, ObjectNode root) {
    dev.ailib.api.PromptCache cache = in.request().promptCache();
    dev.ailib.core.spi.manifest.ParameterSpec spec = in.manifest().parameters().get(PROMPT_CACHE_KEY);
    if (cache == null || cache.key() == null || spec == null) {
      return;
    }
    String name = spec.wireName() != null ? spec.wireName() : PROMPT_CACHE_KEY;
    if (!root.has(name)) {
      root.put(name, cache.key());
    }
  }

  /**
   * A user message in the chat-completions shape that OpenAI and Cohere v2 share: each tool result becomes a message
   * of its own ({@code toolMessage}), the rest one {@code user} message whose content is a plain string when it is a
   * single text, else an array of parts ({@code userPart}, the format's own part shapes).
   */
  static void userMessage(Message m, ArrayNode out, BiConsumer<ContentBlock.ToolResult, ArrayNode> toolMessage,
      BiConsumer<ContentBlock, ArrayNode> userPart) {
    List<ContentBlock> parts = new ArrayList<>();
    for (ContentBlock b : m.content()) {
      if (b instanceof ContentBlock.ToolResult tr) {
        toolMessage.accept(tr, out);
      } else {
        parts.add(b);
      }
    }
    if (parts.isEmpty()) {
      return;
    }
    ObjectNode msg = out.addObject().put("role", "user");
    if (parts.size() == 1 && parts.get(0) instanceof ContentBlock.Text t) {
      msg.put("content", t.text());
    } else {
      ArrayNode content = msg.putArray("content");
      for (ContentBlock b : parts) {
        userPart.accept(b, content);
      }
    }
  }
}
