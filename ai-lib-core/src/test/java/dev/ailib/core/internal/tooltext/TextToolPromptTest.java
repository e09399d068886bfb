package dev.ailib.core.internal.tooltext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.ChatRequest;
import dev.ailib.api.Message;
import dev.ailib.api.Role;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.internal.codec.TestManifests;
import dev.ailib.core.spi.manifest.CapabilitiesSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.TextToolFallbackSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextToolPromptTest {
  private static final List<ToolDefinition> TOOLS = List.of(
      new ToolDefinition("shell", "Execute shell commands", "{\"type\":\"object\",\"properties\":{\"command\":"
          + "{\"type\":\"string\"}}}"),
      new ToolDefinition("file_read", "Read file contents", null));

  private static ProviderManifest manifest(String level) {
    return TestManifests.chat("http://127.0.0.1:1").toBuilder().capabilities(CapabilitiesSpec.builder()
        .required(Set.of("text", "tools")).textToolFallback(TextToolFallbackSpec.builder().format("xml_json")
            .wrapper("tool_call").promptLevel(level).build()).build()).build();
  }

  @Test
  void everyLevelStatesTheFormatAndListsTheToolsWithTheirArguments() {
    for (TextToolPrompt.Level level : TextToolPrompt.Level.values()) {
      String p = TextToolPrompt.of(level, TOOLS);
      assertThat(p).as(level.name()).contains("<tool_call>", "</tool_call>", "\"name\"", "\"arguments\"",
          "- shell: Execute shell commands", "- file_read: Read file contents", "\"command\"");
    }
  }

  @Test
  void levelsAddWarningsThenAnExample() {
    String l1 = TextToolPrompt.of(TextToolPrompt.Level.L1, TOOLS);
    String l2 = TextToolPrompt.of(TextToolPrompt.Level.L2, TOOLS);
    String l3 = TextToolPrompt.of(TextToolPrompt.Level.L3, TOOLS);
    assertThat(l1).doesNotContain("<shell>").doesNotContain("WILL BE IGNORED");
    assertThat(l2).contains("<shell>", "<bash>", "<function>", "<invoke>", "<parameter>", "WILL BE IGNORED",
        "<tool_calls>").doesNotContain("User:");
    assertThat(l3).contains("WILL BE IGNORED", "User:", "Assistant:", "ls -la");
  }

  @Test
  void aRequestWithToolsGetsThePromptFirstOnlyWhenTheManifestAsksAndTheCallIsNotStreamed() {
    ChatRequest request = new ChatRequest(List.of(Message.system("Be brief."), Message.user("ls")), null, null, null,
        null, TOOLS, null, null, null);
    ChatRequest adapted = TextToolPrompt.adapt(request, manifest("L2"), false);
    assertThat(adapted.messages()).hasSize(3);
    assertThat(adapted.messages().get(0).role()).isEqualTo(Role.SYSTEM);
    assertThat(adapted.messages().get(0).text()).contains("WILL BE IGNORED", "- shell");
    assertThat(adapted.messages().subList(1, 3)).isEqualTo(request.messages());
    assertThat(adapted.tools()).isEqualTo(TOOLS); // native tools stay
    assertThat(TextToolPrompt.adapt(request, manifest("L2"), true)).isSameAs(request);
    assertThat(TextToolPrompt.adapt(request, manifest(null), false)).isSameAs(request);
    ChatRequest noTools = request.withTools(List.of(), null);
    assertThat(TextToolPrompt.adapt(noTools, manifest("L2"), false)).isSameAs(noTools);
    assertThat(TextToolPrompt.adapt(request, TestManifests.chat("http://127.0.0.1:1"), false)).isSameAs(request);
  }

  @Test
  void anUnknownLevelNamesTheValueAndTheField() {
    ChatRequest request = new ChatRequest(List.of(Message.user("ls")), null, null, null, null, TOOLS, null, null,
        null);
    assertThatThrownBy(() -> TextToolPrompt.adapt(request, manifest("L9"), false))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("'L9'")
        .hasMessageContaining("text_fallback.prompt_level");
    assertThat(TextToolPrompt.level(manifest("l3"), "l3")).isEqualTo(TextToolPrompt.Level.L3);
  }
}
