package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.Description;
import dev.ailib.api.StructuredOptions;
import dev.ailib.api.StructuredOutputMode;
import dev.ailib.api.StructuredResult;
import dev.ailib.api.StructuredStream;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.TypeRef;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.StructuredOutputException;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import dev.ailib.testkit.fake.StructuredOutputRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Typed answers through the public API, for each wire family on the bundled manifests: the native mechanism each
 * manifest asks for, the schema the provider receives, binding, repair, the typed error, partial values.
 */
class StructuredOutputTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Priority { LOW, MEDIUM, HIGH }

  record LineItem(@Description("product name") String product, int quantity) {
  }

  record Customer(String name, Optional<String> email) {
  }

  @Description("An order found in the text")
  record Order(String orderId, Priority priority, Customer customer, List<LineItem> items, Optional<String> note) {
  }

  record Scores(Map<String, Integer> byPlayer) {
  }

  static final String ORDER_JSON = "{\"orderId\":\"A-17\",\"priority\":\"HIGH\",\"customer\":{\"name\":\"Ada Lovelace\","
      + "\"email\":null},\"items\":[{\"product\":\"fountain pen\",\"quantity\":2},{\"product\":\"ink\",\"quantity\":1}],"
      + "\"note\":\"gift wrap\"}";
  static final Order ORDER = new Order("A-17", Priority.HIGH, new Customer("Ada Lovelace", Optional.empty()),
      List.of(new LineItem("fountain pen", 2), new LineItem("ink", 1)), Optional.of("gift wrap"));
  static final String WRONG_TYPE = ORDER_JSON.replace("\"quantity\":2", "\"quantity\":\"two\"");

  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static StructuredOutputMode expectedMode(Family family) {
    return family == Family.ANTHROPIC ? StructuredOutputMode.TOOL_CALL : StructuredOutputMode.JSON_SCHEMA;
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void nestedRecordWithListEnumAndOptionalRoundTrips(Family family) {
    fake.enqueue(Reply.json(ORDER_JSON));
    StructuredResult<Order> r;
    try (AiClient client = Fixtures.client(fake, family)) {
      r = client.chat().user("Ada ordered two fountain pens and ink, gift wrapped, urgent. Order A-17.")
          .executeAs(Order.class);
    }
    assertThat(r.value()).isEqualTo(ORDER);
    assertThat(r.repairs()).isZero();
    assertThat(r.stats().structuredOutput()).isEqualTo(expectedMode(family));
    assertThat(r.stats().attempts()).isEqualTo(1);
    assertThat(r.json()).contains("\"orderId\":\"A-17\"");
    assertThat(fake.requestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void requestCarriesTheNativeMechanismWithTheGeneratedSchema(Family family) {
    fake.enqueue(Reply.json(ORDER_JSON));
    try (AiClient client = Fixtures.client(fake, family)) {
      client.chat().user("Extract the order").executeAs(Order.class);
    }
    RecordedRequest req = fake.takeRequest(WAIT);
    StructuredOutputRequest so = req.structuredOutput().orElseThrow();
    Object generated = ToolDefinition.from("Order", null, Order.class).parameters();
    assertThat(so.schema()).isEqualTo(generated);
    assertThat(so.schemaAt("additionalProperties")).isEqualTo(false);
    assertThat(so.schemaAt("required")).isEqualTo(List.of("orderId", "priority", "customer", "items", "note"));
    assertThat(so.schemaAt("properties.priority.enum")).isEqualTo(List.of("LOW", "MEDIUM", "HIGH"));
    assertThat(so.schemaAt("properties.items.items.properties.quantity.type")).isEqualTo("integer");
    assertThat(so.schemaAt("properties.items.items.properties.product.description")).isEqualTo("product name");
    assertThat(so.schemaAt("properties.note.type")).isEqualTo(List.of("string", "null"));
    switch (family) {
      case OPENAI -> {
        assertThat(so.mechanism()).isEqualTo("json_schema");
        assertThat(so.field()).isEqualTo("response_format.json_schema.schema");
        assertThat(so.name()).isEqualTo("Order");
        assertThat(so.strict()).isTrue();
      }
      case RESPONSES -> {
        assertThat(so.mechanism()).isEqualTo("json_schema");
        assertThat(so.field()).isEqualTo("text.format.schema");
        assertThat(so.name()).isEqualTo("Order");
        assertThat(so.strict()).isTrue();
        assertThat(req.jsonString("text.format.type")).isEqualTo("json_schema");
        assertThat(req.jsonAt("response_format")).isNull();
      }
      case ANTHROPIC -> {
        assertThat(so.mechanism()).isEqualTo("tool_call");
        assertThat(so.name()).isEqualTo("Order");
        assertThat(req.jsonString("tool_choice.type")).isEqualTo("tool");
        assertThat(req.jsonString("tool_choice.name")).isEqualTo("Order");
        assertThat(so.field()).isEqualTo("tools[0].input_schema");
        assertThat(req.jsonString("tools[0].description")).contains("An order found in the text");
      }
      case GEMINI -> {
        assertThat(so.mechanism()).isEqualTo("json_schema");
        assertThat(so.field()).isEqualTo("generationConfig.responseJsonSchema");
        assertThat(req.jsonString("generationConfig.responseMimeType")).isEqualTo("application/json");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void invalidAnswerIsRepairedOnce(Family family) {
    fake.enqueue(Reply.json(WRONG_TYPE), Reply.json(ORDER_JSON));
    StructuredResult<Order> r;
    try (AiClient client = Fixtures.client(fake, family)) {
      r = client.chat().user("Extract the order").executeAs(Order.class);
    }
    assertThat(r.value()).isEqualTo(ORDER);
    assertThat(r.repairs()).isEqualTo(1);
    assertThat(fake.requestCount()).isEqualTo(2);
    assertThat(r.stats().attempts()).isEqualTo(2);
    RecordedRequest repair = fake.requests().get(1);
    assertThat(repair.body()).contains("$.items[0].quantity").contains("fountain pen");
    assertThat(repair.structuredOutput()).isPresent(); // the repair asks the same way
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void invalidJsonTriggersExactlyOneRepairThenATypedErrorNamingTheField(Family family) {
    fake.enqueue(Reply.json("{\"orderId\":\"A-17\",\"priority\":\"HIGH\",\"custo"), Reply.json(WRONG_TYPE),
        Reply.json(ORDER_JSON));
    try (AiClient client = Fixtures.client(fake, family)) {
      assertThatThrownBy(() -> client.chat().user("Extract the order").executeAs(Order.class))
          .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
            assertThat(e.errorType()).isEqualTo(StandardErrorCode.INVALID_REQUEST);
            assertThat(e.path()).contains("$.items[0].quantity");
            assertThat(e.problem()).contains("integer");
            assertThat(e.repairs()).isEqualTo(1);
            assertThat(e.getMessage()).contains("$.items[0].quantity").contains("Order").contains("1 repair request");
          });
    }
    assertThat(fake.requestCount()).isEqualTo(2);
    assertThat(fake.requests().get(1).body()).contains("cut off");
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void repairCanBeTurnedOff(Family family) {
    fake.enqueue(Reply.json("{\"orderId\": A-17}"), Reply.json(ORDER_JSON));
    try (AiClient client = Fixtures.client(fake, family)) {
      assertThatThrownBy(() -> client.chat().user("Extract the order")
          .executeAs(TypeRef.of(Order.class), StructuredOptions.DEFAULTS.withRepairAttempts(0), new CancelToken()))
          .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
            assertThat(e.path()).isEmpty();
            assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(1));
            assertThat(e.problem()).contains("not valid JSON");
            assertThat(e.answer()).isEqualTo("{\"orderId\": A-17}");
          });
    }
    assertThat(fake.requestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a partial that never comes would block
  void streamedPartialValuesArriveBeforeTheEndEachPrefixConsistentThenTheValidatedValue(Family family)
      throws Exception {
    int chunks = Reply.json(ORDER_JSON).parts().size(); // one structured part
    assertThat(chunks).isEqualTo(1);
    // stall the stream midway: partial values must be delivered while the rest has not been sent
    fake.enqueue(Reply.json(ORDER_JSON).stallAfterEvents(12));
    List<StructuredStream.Partial<Order>> seen = new ArrayList<>();
    try (AiClient client = Fixtures.client(fake, family);
        StructuredStream<Order> stream = client.chat().user("Extract the order").streamAs(Order.class)) {
      Iterator<StructuredStream.Partial<Order>> it = stream.iterator();
      seen.add(it.next());
      fake.awaitStalled(1, WAIT);
      assertThat(seen.get(0).complete()).isFalse();
      fake.releaseStalls();
      while (it.hasNext()) {
        seen.add(it.next());
      }
      assertThat(stream.result()).hasValueSatisfying(r -> {
        assertThat(r.value()).isEqualTo(ORDER);
        assertThat(r.stats().structuredOutput()).isEqualTo(expectedMode(family));
      });
    }
    StructuredStream.Partial<Order> last = seen.get(seen.size() - 1);
    assertThat(last.complete()).isTrue();
    assertThat(last.value()).isEqualTo(ORDER);
    assertThat(seen.subList(0, seen.size() - 1)).allSatisfy(p -> assertThat(p.complete()).isFalse());
    assertThat(seen.size()).isGreaterThan(5);
    assertThat(seen.stream().filter(p -> p.value().customer() != null && p.value().items() == null)).isNotEmpty();
    JsonNode previous = null;
    for (StructuredStream.Partial<Order> p : seen) {
      JsonNode view = JSON.readTree(p.json());
      assertThat(Prefixes.consistent(previous, view)).as("%s then %s", previous, view).isTrue();
      assertThat(Prefixes.consistent(view, JSON.readTree(ORDER_JSON))).isTrue();
      previous = view;
    }
    assertThat(fake.requestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void aLongAnswerInSmallDeltasIsReadInFarFewerReadingsThanDeltasAndEndsValidated(Family family) throws Exception {
    List<LineItem> items = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      items.add(new LineItem("item number " + i, i % 7));
    }
    Order big = new Order("B-1", Priority.LOW, new Customer("Grace Hopper", Optional.empty()), items,
        Optional.empty());
    StringBuilder text = new StringBuilder("{\"orderId\":\"B-1\",\"priority\":\"LOW\",\"customer\":{\"name\":"
        + "\"Grace Hopper\",\"email\":null},\"items\":[");
    for (LineItem item : items) {
      text.append(item == items.get(0) ? "" : ",").append("{\"product\":\"").append(item.product())
          .append("\",\"quantity\":").append(item.quantity()).append('}');
    }
    String json = text.append("],\"note\":null}").toString();
    List<String> deltas = new ArrayList<>();
    for (int i = 0; i < json.length(); i += 10) {
      deltas.add(json.substring(i, Math.min(json.length(), i + 10)));
    }
    fake.enqueue(Reply.streamedJson(deltas.toArray(String[]::new)));
    List<StructuredStream.Partial<Order>> seen = new ArrayList<>();
    try (AiClient client = Fixtures.client(fake, family);
        StructuredStream<Order> stream = client.chat().user("Extract the order").streamAs(Order.class)) {
      stream.forEach(seen::add);
    }
    StructuredStream.Partial<Order> last = seen.get(seen.size() - 1);
    assertThat(last.complete()).isTrue();
    assertThat(last.value()).isEqualTo(big);
    // every delta read again from the start would be about 10,000 readings of up to 100 KB; reading on growth
    // (a 32nd of the text, at most 1 KiB) gives a few hundred, still many partial values before the end
    assertThat(deltas.size()).isGreaterThan(9_000);
    assertThat(seen.size()).isBetween(20, 600);
    assertThat(seen.get(seen.size() / 2).value().items()).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void listsAndEnumsAreWrappedAsObjects(Family family) {
    fake.enqueue(Reply.json("{\"value\":[{\"product\":\"pen\",\"quantity\":3}]}"), Reply.json("{\"value\":\"LOW\"}"));
    try (AiClient client = Fixtures.client(fake, family)) {
      StructuredResult<List<LineItem>> items = client.chat().user("Items?").executeAs(new TypeRef<List<LineItem>>() {
      });
      assertThat(items.value()).containsExactly(new LineItem("pen", 3));
      assertThat(client.chat().user("Priority?").executeAs(Priority.class).value()).isEqualTo(Priority.LOW);
    }
    StructuredOutputRequest so = fake.takeRequest(WAIT).structuredOutput().orElseThrow();
    assertThat(so.schemaAt("properties.value.type")).isEqualTo("array");
    assertThat(so.schemaAt("required")).isEqualTo(List.of("value"));
  }

  @Test
  void promptModeCanBeAskedForAndPutsTheSchemaInASystemMessage() {
    fake.enqueue(Reply.text("```json\n" + ORDER_JSON + "\n```"));
    StructuredResult<Order> r;
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      r = client.chat().user("Extract the order").executeAs(TypeRef.of(Order.class),
          StructuredOptions.DEFAULTS.withMode(StructuredOutputMode.PROMPT), new CancelToken());
    }
    assertThat(r.value()).isEqualTo(ORDER);
    assertThat(r.stats().structuredOutput()).isEqualTo(StructuredOutputMode.PROMPT);
    RecordedRequest req = fake.takeRequest(WAIT);
    assertThat(req.structuredOutput()).isEmpty();
    assertThat(req.jsonString("messages[0].role")).isEqualTo("system");
    assertThat(req.jsonString("messages[0].content")).contains("JSON schema").contains("\"orderId\"");
  }

  @Test
  void aModeTheManifestDoesNotOfferFailsBeforeSending() {
    try (AiClient client = Fixtures.client(fake, Family.ANTHROPIC)) {
      assertThatThrownBy(() -> client.chat().user("x").executeAs(TypeRef.of(Order.class),
          StructuredOptions.DEFAULTS.withMode(StructuredOutputMode.JSON_SCHEMA), new CancelToken()))
          .isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.errorType()).isEqualTo(StandardErrorCode.REQUEST_TOO_LARGE);
            assertThat(e.getMessage()).contains("JSON_SCHEMA").contains("json_schema_mode").contains("TOOL_CALL");
          });
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void aSchemaOutsideTheStrictSubsetFailsBeforeSendingNamingThePlace() {
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      assertThatThrownBy(() -> client.chat().user("x").executeAs(Scores.class))
          .isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.errorType()).isEqualTo(StandardErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("#/properties/byPlayer").contains("additionalProperties")
                .contains("Scores");
          });
    }
    assertThat(fake.requestCount()).isZero();
  }
}
