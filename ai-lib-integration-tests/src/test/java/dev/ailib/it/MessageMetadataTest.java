package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.Message;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.ToolRunResult;
import dev.ailib.api.Tools;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Per-message metadata is the application's: it stays on the messages the library keeps and returns, and no wire
 * format sends it (no provider has a per-message field for it; OpenAI rejects unknown message fields).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageMetadataTest {
  private static final Map<String, String> META = Map.of("message_id", "msg-abc123", "timestamp",
      "2026-02-14T12:00:00Z");

  private final FakeProvider fake = FakeProvider.start();

  @AfterEach
  void close() {
    fake.close();
  }

  @ParameterizedTest
  @EnumSource(Fixtures.Family.class)
  void noWireSendsIt(Fixtures.Family family) {
    fake.enqueue(Reply.text("ok"));
    try (AiClient client = Fixtures.client(fake, family)) {
      client.chat().messages(List.of(Message.system("Be brief.").withMetadata("source", "policy-v2"),
          Message.user("Hello").withMetadata(META))).maxTokens(16).execute();
    }
    RecordedRequest r = fake.takeRequest();
    assertThat(r.body()).contains("Hello").doesNotContain("msg-abc123").doesNotContain("message_id")
        .doesNotContain("policy-v2").doesNotContain("\"metadata\":{\"source\"");
  }

  @Test
  void aToolRunKeepsTheCallersMessagesWithTheirMetadata() {
    fake.enqueue(Reply.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"), Reply.text("Sunny."));
    Message question = Message.user("Weather in Paris?").withMetadata(META);
    try (AiClient client = Fixtures.client(fake, Fixtures.Family.OPENAI)) {
      ToolRunResult run = client.chat().messages(List.of(question))
          .toolSets(Tools.builder().add(ToolDefinition.of("get_weather", "weather",
              Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")))),
              (call, cancel) -> "sunny").build())
          .runTools();
      assertThat(run.messages().get(0)).isEqualTo(question);
      assertThat(run.messages().get(0).metadata()).containsExactlyEntriesOf(new java.util.LinkedHashMap<>(
          question.metadata()));
    }
    assertThat(fake.requests()).hasSize(2).allSatisfy(r -> assertThat(r.body()).doesNotContain("msg-abc123"));
  }

  @Test
  void metadataIsCheckedAndCopied() {
    java.util.Map<String, String> source = new java.util.HashMap<>(Map.of("k", "v"));
    Message m = Message.user("x").withMetadata(source);
    source.put("k", "changed");
    assertThat(m.metadata()).containsEntry("k", "v");
    assertThat(m.withMetadata("k2", "v2").metadata()).containsKeys("k", "k2");
    assertThat(Message.user("x").metadata()).isEmpty();
    assertThatThrownBy(() -> Message.user("x").withMetadata(" ", "v")).hasMessageContaining("blank");
    assertThatThrownBy(() -> Message.user("x").withMetadata("id", null)).hasMessageContaining("'id'");
  }
}
