package dev.ailib.core.internal.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.core.internal.json.CoreJson;

/**
 * An OpenAI Responses {@code reasoning} item kept in a {@code Thinking} block's signature, so that a stateless
 * conversation ({@code store: false}) can send the reasoning back: the API takes a reasoning item again only with
 * its {@code encrypted_content} (and its {@code id}), exactly as it came. The signature holds the item's
 * {@code type}, {@code id}, {@code encrypted_content} and {@code summary} as compact JSON; the non-streaming answer
 * (the {@code output} item) and the stream ({@code response.output_item.done}) make the same text from the same
 * item. Other providers' signatures (Anthropic's are base64) never start with <code>{</code>, which is how each
 * wire format tells its own kind from the other and drops the other. Stateless.
 */
public final class ReasoningItems {

  private ReasoningItems() {
  }

  /**
   * The signature for a reasoning item.
   *
   * @param item a {@code reasoning} output item
   * @return the signature, or null when the item has no encrypted content or no id (nothing the API takes back)
   */
  public static String signature(JsonNode item) {
    if (item == null || !item.isObject()) {
      return null;
    }
    JsonNode encrypted = item.get("encrypted_content");
    JsonNode id = item.get("id");
    if (encrypted == null || !encrypted.isTextual() || encrypted.textValue().isEmpty() || id == null
        || !id.isTextual()) {
      return null;
    }
    ObjectNode kept = CoreJson.NODES.objectNode().put("type", "reasoning").put("id", id.textValue())
        .put("encrypted_content", encrypted.textValue());
    JsonNode summary = item.get("summary");
    kept.set("summary", summary != null && summary.isArray() ? summary : CoreJson.NODES.arrayNode());
    return CoreJson.write(kept);
  }

  /**
   * Whether a signature is one of ai-lib's own forms (a reasoning item, a {@link ReasoningContent} marker), which
   * no provider signs with: Anthropic's signatures are base64 and never start with <code>{</code>.
   */
  public static boolean isAiLibForm(String signature) {
    return signature != null && signature.startsWith("{");
  }

  /**
   * The reasoning item to send back for a signature.
   *
   * @param signature a {@code Thinking} block's signature
   * @return the item, or null when the signature is not a reasoning item's
   */
  public static ObjectNode item(String signature) {
    if (!isAiLibForm(signature)) {
      return null;
    }
    try {
      JsonNode n = CoreJson.MAPPER.readTree(signature);
      return n instanceof ObjectNode o && "reasoning".equals(o.path("type").asText()) ? o : null;
    } catch (JsonProcessingException e) {
      return null; // not ours: a signature that only looks like JSON is another provider's, dropped like one
    }
  }
}
