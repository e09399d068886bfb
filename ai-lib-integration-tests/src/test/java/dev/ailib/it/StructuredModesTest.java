package dev.ailib.it;

import static dev.ailib.it.StructuredOutputTest.ORDER;
import static dev.ailib.it.StructuredOutputTest.ORDER_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StructuredOutputMode;
import dev.ailib.api.StructuredResult;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.Environment;
import dev.ailib.it.StructuredOutputTest.Order;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import dev.ailib.testkit.fake.StructuredOutputRequest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each mechanism chosen from what a manifest declares, on small fixture manifests (src/test/resources): native
 * output_config for an Anthropic-style provider that declares it, Gemini's responseSchema, JSON mode, prompt only,
 * and a fallback chain where each target gets its own mechanism.
 */
class StructuredModesTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  record Tree(String name, List<Tree> children) {
  }

  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private AiClient client(String model) {
    return AiClient.builder().model(model).protocolDir(fixtures()).baseUrl(fake.baseUrl()).apiKey(Fixtures.KEY)
        .resilience(ResilientConfig.builder().maxRetries(0).build()).component(Environment.of(Map.of())).build();
  }

  private static Path fixtures() {
    try {
      return Path.of(StructuredModesTest.class.getResource("structured/claudenative.yaml").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object generated() {
    return ToolDefinition.from("Order", null, Order.class).parameters();
  }

  @Test
  void anthropicStyleWithDeclaredNativeOutputUsesOutputConfig() {
    fake.enqueue(Reply.json(ORDER_JSON));
    StructuredResult<Order> r;
    try (AiClient client = client("claudenative/c1")) {
      r = client.chat().user("Extract").executeAs(Order.class);
    }
    assertThat(r.value()).isEqualTo(ORDER);
    assertThat(r.stats().structuredOutput()).isEqualTo(StructuredOutputMode.JSON_SCHEMA);
    RecordedRequest req = fake.takeRequest(WAIT);
    StructuredOutputRequest so = req.structuredOutput().orElseThrow();
    assertThat(so.field()).isEqualTo("output_config.format.schema");
    assertThat(so.schema()).isEqualTo(generated());
    assertThat(req.jsonAt("tools")).isNull();
    assertThat(req.jsonAt("tool_choice")).isNull();
  }

  @Test
  void anthropicNativeOutputRefusesRecursiveTypesBeforeSending() {
    try (AiClient client = client("claudenative/c1")) {
      assertThatThrownBy(() -> client.chat().user("x").executeAs(Tree.class))
          .isInstanceOf(ProtocolException.class).hasMessageContaining("recursive")
          .hasMessageContaining("output_config.format");
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void geminiResponseSchemaGetsTheOpenApiSubset() {
    fake.enqueue(Reply.json(ORDER_JSON));
    try (AiClient client = client("geminiopenapi/g1")) {
      assertThat(client.chat().user("Extract").executeAs(Order.class).value()).isEqualTo(ORDER);
    }
    StructuredOutputRequest so = fake.takeRequest(WAIT).structuredOutput().orElseThrow();
    assertThat(so.field()).isEqualTo("generationConfig.responseSchema");
    assertThat(so.schemaAt("additionalProperties")).isNull();
    assertThat(so.schemaAt("properties.note.type")).isEqualTo("string");
    assertThat(so.schemaAt("properties.note.nullable")).isEqualTo(true);
    assertThat(so.schemaAt("propertyOrdering")).isEqualTo(List.of("orderId", "priority", "customer", "items", "note"));
    assertThat(so.schemaAt("properties.items.items.properties.quantity.type")).isEqualTo("integer");
  }

  @Test
  void jsonModeSendsJsonObjectAndTheSchemaInASystemMessage() {
    fake.enqueue(Reply.json(ORDER_JSON));
    StructuredResult<Order> r;
    try (AiClient client = client("jsonmodeonly/j1")) {
      r = client.chat().user("Extract").executeAs(Order.class);
    }
    assertThat(r.value()).isEqualTo(ORDER);
    assertThat(r.stats().structuredOutput()).isEqualTo(StructuredOutputMode.JSON_MODE);
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.structuredOutput().orElseThrow().mechanism()).isEqualTo("json_mode");
    assertThat(req.jsonString("messages[0].role")).isEqualTo("system");
    assertThat(req.jsonString("messages[0].content")).contains("\"orderId\"").contains("\"additionalProperties\"");
    assertThat(req.jsonString("messages[1].content")).isEqualTo("Extract");
  }

  @Test
  void aManifestThatDeclaresNothingGetsTheSchemaInASystemMessageOnly() {
    fake.enqueue(Reply.text("Here it is:\n```json\n" + ORDER_JSON + "\n```"), Reply.json(ORDER_JSON));
    StructuredResult<Order> r;
    try (AiClient client = client("plaincompat/p1")) {
      r = client.chat().user("Extract").executeAs(Order.class);
    }
    assertThat(r.stats().structuredOutput()).isEqualTo(StructuredOutputMode.PROMPT);
    // prose before the fence is not JSON: one repair, which the second answer satisfies
    assertThat(r.repairs()).isEqualTo(1);
    assertThat(r.value()).isEqualTo(ORDER);
    RecordedRequest first = fake.requests().get(0);
    assertThat(first.structuredOutput()).isEmpty();
    assertThat(first.jsonAt("response_format")).isNull();
    assertThat(first.jsonString("messages[0].content")).contains("JSON schema");
  }

  @Test
  void eachTargetOfAFallbackChainGetsItsOwnMechanism(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("first.yaml"), """
        id: first
        protocol_version: "2.0"
        endpoint:
          base_url: "%s"
          chat: /chat/completions
          auth: {type: bearer, token_env: FIRST_API_KEY}
        endpoints:
          chat: {path: /chat/completions, method: POST, adapter: openai}
        capabilities:
          required: [text, tools]
          structured_output: {json_schema_mode: true}
        """.formatted(fake.baseUrl()));
    Files.writeString(dir.resolve("second.yaml"), """
        id: second
        protocol_version: "2.0"
        api_style: anthropic_messages
        endpoint:
          base_url: "%s"
          chat: /messages
          auth: {type: custom_header, header: x-api-key, token_env: SECOND_API_KEY}
        endpoints:
          chat: {path: /messages, method: POST, adapter: anthropic}
        capabilities:
          required: [text, tools]
        parameters:
          max_tokens: {type: integer, min: 1, required: true, default: 1024}
        """.formatted(fake.baseUrl()));
    fake.enqueue(Reply.error(503), Reply.json(ORDER_JSON));
    StructuredResult<Order> r;
    try (AiClient client = AiClient.builder().model("first/m1").fallbackModels(List.of("second/m2"))
        .protocolDir(dir).resilience(ResilientConfig.builder().maxRetries(0).build())
        .component(Environment.of(Map.of("FIRST_API_KEY", "k1", "SECOND_API_KEY", "k2"))).build()) {
      r = client.chat().user("Extract").executeAs(Order.class);
    }
    assertThat(r.value()).isEqualTo(ORDER);
    assertThat(r.stats().provider()).isEqualTo("second");
    assertThat(r.stats().structuredOutput()).isEqualTo(StructuredOutputMode.TOOL_CALL);
    assertThat(fake.requests().get(0).structuredOutput().orElseThrow().mechanism()).isEqualTo("json_schema");
    assertThat(fake.requests().get(1).structuredOutput().orElseThrow().mechanism()).isEqualTo("tool_call");
  }
}
