package dev.ailib.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ailib.api.ContentBlock;
import dev.ailib.mcp.McpFailure;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolResultsTest {
  private final ObjectMapper json = new ObjectMapper();
  private final ToolResults results = new ToolResults(json);

  private static McpSchema.CallToolResult result(List<McpSchema.Content> content, Object structured, Boolean error) {
    return new McpSchema.CallToolResult(content, error, structured, null);
  }

  @Test
  void textBlocksAreJoinedByLines() {
    ContentBlock.ToolResult r = results.answered("id", result(List.of(new McpSchema.TextContent("a"),
        new McpSchema.TextContent("b")), null, null));
    assertThat(r).isEqualTo(new ContentBlock.ToolResult("id", "a\nb", false));
  }

  @Test
  void nonTextBlocksBecomeNotes() {
    String text = results.text(result(List.of(
        new McpSchema.ImageContent(null, "iVBORw0KGgo=", "image/png"),
        new McpSchema.AudioContent(null, "AAAA", "audio/wav"),
        new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents("file:///a.txt", "text/plain", "hello")),
        new McpSchema.EmbeddedResource(null, new McpSchema.BlobResourceContents("file:///b.bin", "application/x", "AAAA")),
        new McpSchema.ResourceLink("notes", null, "file:///notes.md", null, "text/markdown", null, null, null)),
        null, null));
    assertThat(text).isEqualTo(String.join("\n",
        "[image image/png, 12 base64 characters, not shown]",
        "[audio audio/wav, 4 base64 characters, not shown]",
        "[resource file:///a.txt]", "hello",
        "[resource file:///b.bin application/x, 4 base64 characters, not shown]",
        "[resource link file:///notes.md (notes)]"));
  }

  @Test
  void structuredContentAloneIsItsJson() {
    assertThat(results.text(result(List.of(), Map.of("sum", 3), null))).isEqualTo("{\"sum\":3}");
  }

  @Test
  void structuredContentMirroredInTextIsNotRepeated() {
    assertThat(results.text(result(List.of(new McpSchema.TextContent("{ \"sum\" : 3 }")), Map.of("sum", 3), null)))
        .isEqualTo("{ \"sum\" : 3 }");
  }

  @Test
  void structuredContentDifferentFromTheTextIsAdded() {
    assertThat(results.text(result(List.of(new McpSchema.TextContent("Three.")), Map.of("sum", 3), null)))
        .isEqualTo("Three.\n{\"sum\":3}");
  }

  @Test
  void theToolsOwnErrorKeepsItsText() {
    ContentBlock.ToolResult r = results.answered("id", result(List.of(new McpSchema.TextContent("no such file")),
        null, true));
    assertThat(r.isError()).isTrue();
    assertThat(r.content()).isEqualTo("no such file");
    assertThat(McpFailure.of(r)).isEmpty();
  }

  @Test
  void failuresAreJsonObjectsThatReadBack() throws Exception {
    for (McpFailure f : McpFailure.values()) {
      ContentBlock.ToolResult r = results.failed("id", f, "what \"happened\"");
      JsonNode error = json.readTree(r.content()).get("error");
      assertThat(error.get("type").asText()).isEqualTo(f.type());
      assertThat(error.get("code").asText()).isEqualTo(f.code().code());
      assertThat(error.get("retryable").asBoolean()).isEqualTo(f.retryable());
      assertThat(error.get("message").asText()).isEqualTo("what \"happened\"");
      assertThat(r.isError()).isTrue();
      assertThat(McpFailure.of(r)).contains(f);
    }
    assertThat(McpFailure.of(new ContentBlock.ToolResult("id", "{\"error\":{\"type\":\"timeout\"}}", false))).isEmpty();
  }
}
