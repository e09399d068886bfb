package dev.ailib.core.internal.tooltext;

import dev.ailib.api.ChatRequest;
import dev.ailib.api.Message;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.SourceLocation;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.TextToolFallbackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The instructions that tell a model how to write tool calls as text ({@code <tool_call>{"name": ..., "arguments":
 * ...}</tool_call>}), at the three levels of the AI-Protocol text-tool-call prompt: {@link Level#L1} states the format,
 * {@link Level#L2} adds warnings against the dialects such models drift into ({@code <shell>}, {@code <bash>},
 * {@code <function>}, {@code <invoke>}, {@code <parameter>}), {@link Level#L3} adds a worked example. Every level lists
 * the offered tools with their descriptions and argument schemas. The wording is ours; the structure and the tags are
 * the protocol's.
 *
 * <p>{@link #adapt} adds the prompt, as a leading system message, to a request that offers tools to a provider whose
 * manifest declares {@code capabilities.tool_calling.text_fallback.prompt_level}: the native tools stay in the request
 * (the answer is read native first, then text, by {@link TextToolCallParser#parseHybrid}). Streams are sent without
 * it, because text tool calls are read from non-streamed answers only. Stateless and thread-safe.
 */
public final class TextToolPrompt {

  /** How much instruction a model needs. */
  public enum Level {
    /** The format and its rules: models that follow instructions. */
    L1,
    /** The format, its rules and warnings against other tags: models with a bias toward another format. */
    L2,
    /** All of L2 with a worked example conversation: models that need to see it done. */
    L3
  }

  private TextToolPrompt() {
  }

  /**
   * The prompt of a level for these tools, in English.
   *
   * @param level the level
   * @param tools the tools offered; may be empty (the list then says so)
   * @return the prompt text
   */
  public static String of(Level level, List<ToolDefinition> tools) {
    StringBuilder b = new StringBuilder(512);
    b.append("## Calling tools\n\n");
    if (level == Level.L3) {
      b.append("This is how a tool call looks in a conversation:\n\n")
          .append("User: Which files are in this directory?\n")
          .append("Assistant: I will list them.\n")
          .append("<tool_call>\n{\"name\": \"shell\", \"arguments\": {\"command\": \"ls -la\"}}\n</tool_call>\n\n")
          .append("User: Show me config.toml\n")
          .append("Assistant:\n")
          .append("<tool_call>\n{\"name\": \"file_read\", \"arguments\": {\"path\": \"config.toml\"}}\n</tool_call>\n\n")
          .append("Call the tools below the same way.\n\n");
    }
    b.append("To call a tool, write exactly this and nothing else inside the block:\n\n")
        .append("<tool_call>\n{\"name\": \"<tool name>\", \"arguments\": {<argument>: <value>, ...}}\n</tool_call>\n\n");
    b.append(level == Level.L1 ? "Rules:\n" : "RULES (follow them exactly):\n")
        .append("- The block holds one JSON object with \"name\" (a string) and \"arguments\" (an object).\n")
        .append("- One call per <tool_call> block; write several blocks for several calls.\n")
        .append("- Text outside the blocks is shown to the user.\n");
    if (level != Level.L1) {
      b.append("- Use the <tool_call> tag only. Never write <shell>, <bash>, <function>, <invoke> or <parameter>: "
          + "calls in any other tag are not run, they WILL BE IGNORED.\n")
          .append("- Do not wrap blocks in <tool_calls> or any other tag.\n")
          .append("- Put the tool name inside the JSON, never in a tag attribute.\n");
    }
    b.append("\nAvailable tools:\n");
    if (tools.isEmpty()) {
      b.append("(none)\n");
    }
    for (ToolDefinition t : tools) {
      b.append("- ").append(t.name());
      if (t.description() != null && !t.description().isBlank()) {
        b.append(": ").append(t.description().strip());
      }
      b.append('\n');
      if (!t.parametersSchema().isBlank()) {
        b.append("  arguments (JSON Schema): ").append(t.parametersSchema().strip()).append('\n');
      }
    }
    return b.toString();
  }

  /**
   * A level by its name in a manifest ({@code L1}, {@code L2}, {@code L3}, case-insensitive).
   *
   * @param manifest the manifest (for the message)
   * @param value the value of {@code prompt_level}
   * @return the level
   * @throws ProtocolException when the value names no level, with the value and the field
   */
  public static Level level(ProviderManifest manifest, String value) {
    try {
      return Level.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "unknown text tool-call prompt level '" + value
          + "' of provider '" + manifest.id() + "'; expected L1, L2 or L3",
          new SourceLocation(manifest.source() == null ? "manifest of " + manifest.id() : manifest.source(), -1, -1,
              "capabilities.tool_calling.text_fallback.prompt_level"), e);
    }
  }

  /**
   * The request with the prompt as its first message when the manifest asks for one and the request offers tools
   * (not for streams, see the class comment); otherwise the request as it is.
   *
   * @param request the request
   * @param manifest the provider's manifest
   * @param stream whether the call streams
   * @return the request to encode
   */
  public static ChatRequest adapt(ChatRequest request, ProviderManifest manifest, boolean stream) {
    TextToolFallbackSpec fallback = manifest.capabilities().textToolFallback();
    if (stream || fallback == null || fallback.promptLevel() == null || request.tools().isEmpty()) {
      return request;
    }
    List<Message> messages = new ArrayList<>(request.messages().size() + 1);
    messages.add(Message.system(of(level(manifest, fallback.promptLevel()), request.tools())));
    messages.addAll(request.messages());
    return request.withMessages(messages);
  }
}
