package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.FinishReason;
import dev.ailib.api.ResponseFormat;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.Map;

/** Helpers shared by the codecs. */
final class CodecSupport {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CodecSupport() {
  }

  static byte[] bytes(JsonNode root) {
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
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
   * The canonical finish reason: the manifest's termination mapping first, then the wire format's own defaults,
   * then the raw value when it already is a standard name, else {@link FinishReason#OTHER}.
   */
  static FinishReason finishReason(String raw, ProviderManifest manifest, Map<String, FinishReason> wireDefaults) {
    if (raw == null) {
      return FinishReason.END_TURN;
    }
    String mapped = manifest.termination().mapping().get(raw);
    if (mapped != null) {
      return FinishReason.fromWireName(mapped).orElse(FinishReason.OTHER);
    }
    FinishReason d = wireDefaults.get(raw);
    if (d != null) {
      return d;
    }
    return FinishReason.fromWireName(raw).orElse(FinishReason.OTHER);
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
}
