package dev.ailib.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.ContentBlock;
import dev.ailib.mcp.McpFailure;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what an MCP server answered into the one text a {@link ContentBlock.ToolResult} carries, and bridge failures
 * into the error object {@link McpFailure} describes. One place for both, so every result the model sees has the
 * same shape.
 *
 * <p>Content blocks become text in order, one per line: text as it is; an embedded text resource as its text under
 * its URI; images, audio and binary resources as a bracketed note of their type and size (a tool result is text);
 * resource links as a note with their URI. Structured content is the JSON text when there is no text block, and is
 * added after the text when no text block already carries the same JSON (servers are asked to mirror it in a text
 * block, and many do).
 */
public final class ToolResults {
  private final ObjectMapper json;

  /**
   * Creates the renderer.
   *
   * @param json the mapper for structured content and error objects
   */
  public ToolResults(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The result of an answered call, as the tool answered it ({@code isError} as the tool set it).
   *
   * @param toolCallId the model's call id
   * @param result the server's answer
   * @return the tool result
   */
  public ContentBlock.ToolResult answered(String toolCallId, McpSchema.CallToolResult result) {
    return new ContentBlock.ToolResult(toolCallId, text(result), Boolean.TRUE.equals(result.isError()));
  }

  /**
   * A failure of the bridge, the server or the connection, as an error result.
   *
   * @param toolCallId the model's call id
   * @param failure the classification
   * @param message what happened, for the model
   * @return the tool result
   */
  public ContentBlock.ToolResult failed(String toolCallId, McpFailure failure, String message) {
    ObjectNode root = json.createObjectNode();
    root.putObject("error").put("type", failure.type()).put("code", failure.code().code())
        .put("retryable", failure.retryable()).put("message", message);
    return new ContentBlock.ToolResult(toolCallId, root.toString(), true);
  }

  String text(McpSchema.CallToolResult result) {
    List<String> parts = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    if (result.content() != null) {
      for (McpSchema.Content c : result.content()) {
        String part = render(c);
        if (c instanceof McpSchema.TextContent) {
          texts.add(part);
        }
        parts.add(part);
      }
    }
    Object structured = result.structuredContent();
    if (structured != null) {
      JsonNode node = json.valueToTree(structured);
      if (texts.stream().noneMatch(t -> sameJson(t, node))) {
        parts.add(node.toString());
      }
    }
    return String.join("\n", parts);
  }

  private String render(McpSchema.Content c) {
    if (c instanceof McpSchema.TextContent t) {
      return t.text() == null ? "" : t.text();
    }
    if (c instanceof McpSchema.ImageContent i) {
      return "[image " + i.mimeType() + ", " + length(i.data()) + " base64 characters, not shown]";
    }
    if (c instanceof McpSchema.AudioContent a) {
      return "[audio " + a.mimeType() + ", " + length(a.data()) + " base64 characters, not shown]";
    }
    if (c instanceof McpSchema.EmbeddedResource e) {
      McpSchema.ResourceContents r = e.resource();
      if (r instanceof McpSchema.TextResourceContents t) {
        return "[resource " + t.uri() + "]\n" + (t.text() == null ? "" : t.text());
      }
      if (r instanceof McpSchema.BlobResourceContents b) {
        return "[resource " + b.uri() + " " + b.mimeType() + ", " + length(b.blob()) + " base64 characters, not shown]";
      }
      return "[resource " + (r == null ? "" : r.uri()) + "]";
    }
    if (c instanceof McpSchema.ResourceLink l) {
      return "[resource link " + l.uri() + (l.name() == null ? "" : " (" + l.name() + ")") + "]";
    }
    return "[" + c.type() + " content, not shown]";
  }

  private boolean sameJson(String text, JsonNode node) {
    String t = text.trim();
    if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
      return false;
    }
    try {
      return json.readTree(t).equals(node);
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }
}
