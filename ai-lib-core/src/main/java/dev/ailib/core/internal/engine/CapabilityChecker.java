package dev.ailib.core.internal.engine;

import dev.ailib.api.ChatRequest;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.Message;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.CapabilitiesSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.TreeSet;

/**
 * Checks that the provider declares what a request needs: {@code tools} for tool definitions, {@code vision} for
 * images, {@code audio} for audio, {@code document_understanding} for documents (declared as a capability or as
 * {@code multimodal.input.vision.document_understanding}), {@code streaming} for streams, and the
 * {@link AdvancedCapability} an extra request parameter asks for ({@code reasoning_effort} needs {@code reasoning},
 * rejected by {@link CapabilityGuard} with E1005); MCP servers in the request ({@code mcp_servers}) need the
 * manifest's MCP integration to be {@code native_api} ({@link CapabilityGuard#requireNativeMcp}). A manifest that
 * declares no capabilities at all is not checked (nothing is known); a stream needs the manifest's streaming section
 * or its wire style's default stream. A JSON schema response format is refused when the manifest's
 * {@code capabilities.structured_output} says the provider has none (read by {@code StructuredModes}).
 */
final class CapabilityChecker {
  private CapabilityChecker() {
  }

  static void check(ChatRequest r, ProviderManifest m, boolean stream) {
    if (stream && m.streaming() == null
        && dev.ailib.core.internal.stream.StreamPipeline.defaultStreaming(m.wireStyle()).isEmpty()) {
      throw new ProtocolException("provider '" + m.id() + "' declares no streaming in its manifest ("
          + m.source() + ") and its wire style has no default stream; use execute() instead of stream()");
    }
    if (r.extraParams().containsKey(ChatRequest.MCP_SERVERS)) {
      CapabilityGuard.requireNativeMcp(m); // decided by the manifest's mcp block, even when it lists no capabilities
    }
    CapabilitiesSpec caps = m.capabilities();
    if (caps.required().isEmpty() && caps.optional().isEmpty()) {
      return;
    }
    if (!r.tools().isEmpty()) {
      need(m, "tools", "tool definitions");
    }
    if (stream) {
      need(m, "streaming", "stream()");
    }
    boolean image = false;
    boolean audio = false;
    boolean document = false;
    for (Message msg : r.messages()) {
      for (ContentBlock b : msg.content()) {
        image |= b instanceof ContentBlock.Image;
        audio |= b instanceof ContentBlock.Audio;
        document |= b instanceof ContentBlock.Document;
      }
    }
    if (document) {
      need(m, "document_understanding", "document content");
    }
    if (image) {
      need(m, "vision", "image content");
    }
    if (audio) {
      need(m, "audio", "audio content");
    }
    if (r.responseFormat() != null && r.responseFormat().type() == dev.ailib.api.ResponseFormat.Type.JSON_SCHEMA
        && m.capabilities().structuredOutput() != null
        && !dev.ailib.core.internal.structured.StructuredModes.enforcedSchema(m)) {
      // the manifest says which answer formats the provider has (the one reading: StructuredModes), and a schema
      // is not among them: refused rather than sent to be rejected or ignored
      throw new ProtocolException(dev.ailib.api.error.StandardErrorCode.INVALID_REQUEST, "provider '" + m.id()
          + "' offers no JSON schema response format (capabilities.structured_output in its manifest declares no "
          + "json_schema_mode" + (dev.ailib.core.internal.structured.StructuredModes.jsonMode(m)
              ? "; it has JSON object mode: ResponseFormat.jsonObject() with the schema described in a message, or "
                  + "executeAs(..), which does that" : "") + "); the request was not sent",
          new dev.ailib.api.error.SourceLocation(m.source() == null ? "manifest of " + m.id() : m.source(), 0, 0,
              "capabilities.structured_output"), null);
    }
    if (r.extraParams() != null) {
      for (String param : r.extraParams().keySet()) {
        if (param.equals(ChatRequest.MCP_SERVERS)) {
          continue; // checked above, by the MCP integration method
        }
        AdvancedCapability.forRequestParameter(param)
            .ifPresent(c -> CapabilityGuard.require(m, c, "request parameter '" + param + "'"));
      }
    }
  }

  private static void need(ProviderManifest m, String capability, String neededFor) {
    if (!m.capabilities().declares(capability)) {
      TreeSet<String> declared = new TreeSet<>(m.capabilities().required());
      declared.addAll(m.capabilities().optional());
      throw new ProtocolException("provider '" + m.id() + "' does not declare capability '" + capability
          + "', needed for " + neededFor + "; it declares " + declared + " (manifest " + m.source() + ")");
    }
  }
}
