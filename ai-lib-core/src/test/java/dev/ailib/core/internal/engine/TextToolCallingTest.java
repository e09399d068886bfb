package dev.ailib.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.FinishReason;
import dev.ailib.api.Message;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.core.internal.codec.TestManifests;
import dev.ailib.core.spi.manifest.CapabilitiesSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.TextToolFallbackSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextToolCallingTest {
  private static final ChatRequest WITH_TOOLS = new ChatRequest(List.of(Message.user("ls")), null, null, null, null,
      List.of(new ToolDefinition("shell", "runs", null)), null, null, null);

  private static ProviderManifest manifest(TextToolFallbackSpec fallback) {
    ProviderManifest m = TestManifests.chat("http://127.0.0.1:1");
    return m.toBuilder().capabilities(CapabilitiesSpec.builder().required(Set.of("text", "tools"))
        .textToolFallback(fallback).build()).build();
  }

  private static ChatResponse text(String content) {
    return new ChatResponse(content, List.of(), FinishReason.END_TURN, "stop", null, "m1", "r1", null, null);
  }

  @Test
  void markupBecomesToolCallsWhenTheManifestDeclaresTheFallback() {
    ProviderManifest m = manifest(TextToolFallbackSpec.builder().format("xml_json").wrapper("tool_call").promptLevel("L2")
        .dialects(List.of("shell")).build());
    ChatResponse r = TextToolCalling.apply(WITH_TOOLS, m, text("Running:\n<shell><command>ls</command></shell>"));
    assertThat(r.content()).isEqualTo("Running:");
    assertThat(r.toolCalls()).extracting(ToolCall::name).containsExactly("shell");
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
    assertThat(r.rawFinishReason()).isEqualTo("stop");
  }

  @Test
  void responsesPassUnchangedWithoutTheFallbackToolsOrMarkup() {
    ChatResponse markup = text("<shell><command>ls</command></shell>");
    assertThat(TextToolCalling.apply(WITH_TOOLS, manifest(null), markup)).isSameAs(markup);
    ProviderManifest m = manifest(TextToolFallbackSpec.builder().format("xml_json").wrapper("tool_call").build());
    ChatRequest noTools = new ChatRequest(List.of(Message.user("x")), null, null, null, null, null, null, null, null);
    assertThat(TextToolCalling.apply(noTools, m, markup)).isSameAs(markup);
    ChatResponse plain = text("just text");
    assertThat(TextToolCalling.apply(WITH_TOOLS, m, plain)).isSameAs(plain);
  }
}
