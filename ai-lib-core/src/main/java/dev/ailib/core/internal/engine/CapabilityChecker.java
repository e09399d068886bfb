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
 * images, {@code audio} for audio, {@code streaming} for streams, and the {@link AdvancedCapability} an extra
 * request parameter asks for ({@code reasoning_effort} needs {@code reasoning}, rejected by {@link CapabilityGuard}
 * with E1005); MCP servers in the request ({@code mcp_servers}) need the manifest's MCP integration to be
 * {@code native_api} ({@link CapabilityGuard#requireNativeMcp}). A manifest that declares no capabilities at all is not checked (nothing is known); streaming always
 * needs the manifest's streaming section.
 */
final class CapabilityChecker {
  private CapabilityChecker() {
  }

  static void check(ChatRequest r, ProviderManifest m, boolean stream) {
    if (stream && m.streaming() == null) {
      throw new ProtocolException("provider '" + m.id() + "' declares no streaming in its manifest ("
          + m.source() + "); use execute() instead of stream()");
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
    for (Message msg : r.messages()) {
      for (ContentBlock b : msg.content()) {
        image |= b instanceof ContentBlock.Image;
        audio |= b instanceof ContentBlock.Audio;
      }
    }
    if (image) {
      need(m, "vision", "image content");
    }
    if (audio) {
      need(m, "audio", "audio content");
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
