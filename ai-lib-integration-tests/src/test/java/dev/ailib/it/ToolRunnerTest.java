package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.Description;
import dev.ailib.api.Message;
import dev.ailib.api.Role;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.ToolExecution;
import dev.ailib.api.ToolRound;
import dev.ailib.api.ToolRunEvent;
import dev.ailib.api.ToolRunOptions;
import dev.ailib.api.ToolRunResult;
import dev.ailib.api.ToolRunStream;
import dev.ailib.api.ToolSet;
import dev.ailib.api.Tools;
import dev.ailib.api.error.StructuredOutputException;
import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The tool runner and typed tools through the public API, for each wire family on the bundled manifests. */
class ToolRunnerTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Description("A city to look the weather up for")
  record WeatherQuery(@Description("city name") String city) {
  }

  record Weather(String city, int celsius) {
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

  /** A weather tool whose calls only return once two of them run at the same time. */
  static ToolSet concurrentWeather(CountDownLatch both, Set<String> threads) {
    return Tools.builder().add("get_weather", "Current weather in a city", WeatherQuery.class, q -> {
      threads.add(Thread.currentThread().getName());
      both.countDown();
      try {
        if (!both.await(10, TimeUnit.SECONDS)) {
          return "the other call never ran alongside this one";
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
      return new Weather(q.city(), q.city().equals("Paris") ? 18 : 24);
    }).build();
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void twoParallelToolCallsRunConcurrentlyAndTheirResultsGoBackWithTheirIds(Family family) {
    fake.enqueue(Reply.toolCalls(Reply.toolCallPart("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        Reply.toolCallPart("call_2", "get_weather", "{\"city\":\"Rome\"}")), Reply.text("Paris 18, Rome 24."));
    List<ToolRound> reported = new CopyOnWriteArrayList<>();
    TelemetryListener listener = new TelemetryListener() {
      @Override
      public void toolRound(long runId, ToolRound round) {
        reported.add(round);
      }
    };
    Set<String> threads = ConcurrentHashMap.newKeySet();
    ToolRunResult run;
    try (AiClient client = Fixtures.builder(fake, family).component(listener).build()) {
      run = client.chat().user("Weather in Paris and Rome?").toolSets(concurrentWeather(new CountDownLatch(2), threads))
          .runTools();
    }
    assertThat(run.completed()).isTrue();
    assertThat(run.response().content()).isEqualTo("Paris 18, Rome 24.");
    assertThat(run.rounds()).hasSize(2);
    List<ToolExecution> executions = run.rounds().get(0).executions();
    assertThat(executions).extracting(e -> e.call().name()).containsExactly("get_weather", "get_weather");
    assertThat(executions).extracting(e -> e.result().isError()).containsExactly(false, false);
    assertThat(executions.get(0).result().content()).isEqualTo("{\"city\":\"Paris\",\"celsius\":18}");
    assertThat(executions.get(1).result().content()).isEqualTo("{\"city\":\"Rome\",\"celsius\":24}");
    assertThat(threads).hasSize(2);
    assertThat(reported).extracting(ToolRound::round).containsExactly(1, 2);
    assertThat(reported.get(0).executions()).hasSize(2);
    assertThat(run.stats().attempts()).isEqualTo(2);
    assertThat(run.messages()).extracting(Message::role)
        .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT);

    assertThat(fake.requestCount()).isEqualTo(2);
    RecordedRequest second = fake.requests().get(1);
    switch (family) {
      case RESPONSES -> {
        assertThat(second.jsonString("input[1].type")).isEqualTo("function_call");
        assertThat(second.jsonString("input[1].call_id")).isEqualTo("call_1");
        assertThat(second.jsonString("input[2].call_id")).isEqualTo("call_2");
        assertThat(second.jsonString("input[3].type")).isEqualTo("function_call_output");
        assertThat(second.jsonString("input[3].call_id")).isEqualTo("call_1");
        assertThat(second.jsonString("input[3].output")).contains("Paris").contains("18");
        assertThat(second.jsonString("input[4].call_id")).isEqualTo("call_2");
        assertThat(second.jsonString("input[4].output")).contains("Rome");
      }
      case OPENAI -> {
        assertThat(second.jsonString("messages[1].tool_calls[0].id")).isEqualTo("call_1");
        assertThat(second.jsonString("messages[1].tool_calls[1].id")).isEqualTo("call_2");
        assertThat(second.jsonString("messages[2].tool_call_id")).isEqualTo("call_1");
        assertThat(second.jsonString("messages[2].content")).contains("Paris").contains("18");
        assertThat(second.jsonString("messages[3].tool_call_id")).isEqualTo("call_2");
        assertThat(second.jsonString("messages[3].content")).contains("Rome").contains("24");
      }
      case ANTHROPIC -> {
        assertThat(second.jsonString("messages[1].content[0].id")).isEqualTo("call_1");
        assertThat(second.jsonString("messages[1].content[1].id")).isEqualTo("call_2");
        assertThat(second.jsonString("messages[2].role")).isEqualTo("user");
        assertThat(second.jsonString("messages[2].content[0].tool_use_id")).isEqualTo("call_1");
        assertThat(second.jsonString("messages[2].content[0].content")).contains("Paris");
        assertThat(second.jsonString("messages[2].content[1].tool_use_id")).isEqualTo("call_2");
        assertThat(second.jsonString("messages[2].content[1].content")).contains("Rome");
      }
      case GEMINI -> {
        // the format has no call ids: results are matched to their calls by name and order
        assertThat(second.jsonString("contents[1].parts[0].functionCall.args.city")).isEqualTo("Paris");
        assertThat(second.jsonString("contents[1].parts[1].functionCall.args.city")).isEqualTo("Rome");
        assertThat(second.jsonString("contents[2].parts[0].functionResponse.name")).isEqualTo("get_weather");
        assertThat(second.jsonString("contents[2].parts[0].functionResponse.response.city")).isEqualTo("Paris");
        assertThat(second.jsonString("contents[2].parts[1].functionResponse.response.city")).isEqualTo("Rome");
      }
      case COHERE -> {
        assertThat(second.jsonString("messages[1].tool_calls[0].id")).isEqualTo("call_1");
        assertThat(second.jsonString("messages[1].tool_calls[1].id")).isEqualTo("call_2");
        assertThat(second.jsonString("messages[2].role")).isEqualTo("tool");
        assertThat(second.jsonString("messages[2].tool_call_id")).isEqualTo("call_1");
        assertThat(second.jsonString("messages[2].content")).contains("Paris").contains("18");
        assertThat(second.jsonString("messages[3].tool_call_id")).isEqualTo("call_2");
      }
    }
    RecordedRequest first = fake.requests().get(0);
    String schemaPath = switch (family) {
      case OPENAI, COHERE -> "tools[0].function.parameters.properties.city.description";
      case RESPONSES -> "tools[0].parameters.properties.city.description";
      case ANTHROPIC -> "tools[0].input_schema.properties.city.description";
      case GEMINI -> "tools[0].functionDeclarations[0].parametersJsonSchema.properties.city.description";
    };
    assertThat(first.jsonString(schemaPath)).isEqualTo("city name");
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void streamedRunDeliversModelEventsToolOutcomesAndTheEnd(Family family) {
    fake.enqueue(Reply.toolCalls(Reply.toolCallPart("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        Reply.toolCallPart("call_2", "get_weather", "{\"city\":\"Rome\"}")), Reply.text("Paris 18, Rome 24."));
    List<ToolRunEvent> events = new ArrayList<>();
    try (AiClient client = Fixtures.client(fake, family);
        ToolRunStream stream = client.chat().user("Weather?").toolSets(concurrentWeather(new CountDownLatch(2),
            ConcurrentHashMap.newKeySet())).streamTools()) {
      for (ToolRunEvent e : stream) {
        events.add(e);
      }
      assertThat(stream.result()).hasValueSatisfying(r -> assertThat(r.completed()).isTrue());
    }
    assertThat(events.get(events.size() - 1)).isInstanceOf(ToolRunEvent.Finished.class);
    List<Integer> order = new ArrayList<>();
    for (ToolRunEvent e : events) {
      order.add(e instanceof ToolRunEvent.ModelEvent m ? m.round() * 10
          : e instanceof ToolRunEvent.ToolExecuted t ? t.round() * 10 + 5 : 99);
    }
    assertThat(order).isSorted();
    assertThat(events).filteredOn(e -> e instanceof ToolRunEvent.ToolExecuted).hasSize(2);
    String text = events.stream().filter(e -> e instanceof ToolRunEvent.ModelEvent m && m.round() == 2
        && m.event() instanceof StreamingEvent.ContentDelta).map(e -> ((StreamingEvent.ContentDelta)
        ((ToolRunEvent.ModelEvent) e).event()).text()).reduce("", String::concat);
    assertThat(text).isEqualTo("Paris 18, Rome 24.");
    ToolRunResult result = ((ToolRunEvent.Finished) events.get(events.size() - 1)).result();
    assertThat(result.rounds().get(0).executions()).extracting(x -> x.result().content())
        .containsExactly("{\"city\":\"Paris\",\"celsius\":18}", "{\"city\":\"Rome\",\"celsius\":24}");
    assertThat(fake.requests()).allSatisfy(r -> assertThat(r.streaming()).isTrue());
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void toolFailuresAreErrorResultsTheModelReads(Family family) {
    fake.enqueue(Reply.toolCalls(Reply.toolCallPart("call_1", "get_weather", "{\"town\":\"Paris\"}"),
        Reply.toolCallPart("call_2", "explode", "{}"), Reply.toolCallPart("call_3", "no_such_tool", "{}")),
        Reply.text("Sorry."));
    ToolSet tools = Tools.builder()
        .add("get_weather", "Weather", WeatherQuery.class, q -> "sunny in " + q.city())
        .add(ToolDefinition.of("explode", "Fails", java.util.Map.of("type", "object")), (call, cancel) -> {
          throw new IllegalStateException("boom");
        })
        .build();
    ToolRunResult run;
    try (AiClient client = Fixtures.client(fake, family)) {
      run = client.chat().user("Go").toolSets(tools).runTools();
    }
    List<ToolExecution> ex = run.rounds().get(0).executions();
    assertThat(ex).allSatisfy(e -> assertThat(e.result().isError()).isTrue());
    assertThat(ex.get(0).result().content()).contains("invalid arguments").contains("$.city")
        .contains("required property missing");
    assertThat(ex.get(1).result().content()).isEqualTo("tool 'explode' failed: IllegalStateException: boom");
    assertThat(ex.get(2).result().content()).contains("no tool 'no_such_tool'");
    assertThat(run.completed()).isTrue();
    if (family == Family.ANTHROPIC) {
      assertThat(fake.requests().get(1).jsonAt("messages[2].content[1].is_error")).isEqualTo(true);
    }
  }

  @Test
  void aToolThatRunsTooLongIsCancelledAndReportedAsTimedOut() {
    fake.enqueue(Reply.toolCall("call_1", "slow", "{}"), Reply.text("ok"));
    AtomicBoolean sawCancel = new AtomicBoolean();
    CountDownLatch cancelled = new CountDownLatch(1);
    ToolSet slow = Tools.builder().add(ToolDefinition.of("slow", "Takes long", java.util.Map.of("type", "object")),
        (call, cancel) -> {
          cancel.onCancel(() -> {
            sawCancel.set(true);
            cancelled.countDown();
          });
          try {
            cancelled.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "finished late";
        }).build();
    ToolRunResult run;
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      run = client.chat().user("Go").toolSets(slow)
          .runTools(ToolRunOptions.DEFAULTS.withToolCallTimeout(Duration.ofMillis(200)), new CancelToken());
    }
    ToolExecution e = run.rounds().get(0).executions().get(0);
    assertThat(e.timedOut()).isTrue();
    assertThat(e.result().isError()).isTrue();
    assertThat(e.result().content()).contains("timed out");
    assertThat(sawCancel).isTrue();
    assertThat(fake.requests().get(1).jsonString("messages[2].content")).contains("timed out");
  }

  @Test
  void theRunStopsAtItsRoundLimitWithoutRunningTheLastCalls() {
    fake.enqueue(Reply.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        Reply.toolCall("call_2", "get_weather", "{\"city\":\"Rome\"}"), Reply.text("never asked"));
    AtomicInteger ran = new AtomicInteger();
    ToolSet tools = Tools.builder().add("get_weather", "Weather", WeatherQuery.class, q -> {
      ran.incrementAndGet();
      return "sunny";
    }).build();
    ToolRunResult run;
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      run = client.chat().user("Go").toolSets(tools)
          .runTools(ToolRunOptions.DEFAULTS.withMaxRounds(2), new CancelToken());
    }
    assertThat(run.completed()).isFalse();
    assertThat(run.response().toolCalls()).extracting(ToolCall::id).containsExactly("call_2");
    assertThat(ran).hasValue(1);
    assertThat(fake.requestCount()).isEqualTo(2);
    assertThat(run.rounds()).hasSize(2);
  }

  @Test
  void typedToolArgumentsBindAndNameTheFieldWhenWrong() {
    ToolDefinition def = ToolDefinition.from(WeatherQuery.class);
    assertThat(def.name()).isEqualTo("weather_query");
    assertThat(def.description()).isEqualTo("A city to look the weather up for");
    assertThat(def.parameters()).containsEntry("additionalProperties", false)
        .containsEntry("required", List.of("city"));
    assertThat(new ToolCall("c1", "weather_query", "{\"city\":\"Oslo\"}").argumentsAs(WeatherQuery.class))
        .isEqualTo(new WeatherQuery("Oslo"));
    assertThatThrownBy(() -> new ToolCall("c1", "weather_query", "{\"city\":7}").argumentsAs(WeatherQuery.class))
        .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
          assertThat(e.path()).contains("$.city");
          assertThat(e.problem()).contains("string");
        });
    assertThatThrownBy(() -> ToolDefinition.from("n", null, String.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
  }

  @Test
  void assistantMessageOfAResponseContinuesTheConversation() {
    fake.enqueue(Reply.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
    try (AiClient client = Fixtures.client(fake, Family.ANTHROPIC)) {
      var r = client.chat().user("Weather?").tools(List.of(ToolDefinition.from(WeatherQuery.class))).execute();
      Message m = r.message();
      assertThat(m.role()).isEqualTo(Role.ASSISTANT);
      assertThat(m.content()).hasSize(1).first().isInstanceOfSatisfying(ContentBlock.ToolUse.class,
          u -> assertThat(u.call().id()).isEqualTo("call_1"));
    }
  }

  @Test
  void cancellingTheRunCancelsTheRunningTools() throws Exception {
    fake.enqueue(Reply.toolCall("call_1", "wait", "{}"), Reply.text("never asked"));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch toolCancelled = new CountDownLatch(1);
    ToolSet waiting = Tools.builder().add(ToolDefinition.of("wait", "Waits", java.util.Map.of("type", "object")),
        (call, cancel) -> {
          cancel.onCancel(toolCancelled::countDown);
          started.countDown();
          try {
            toolCancelled.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "done";
        }).build();
    CancelToken token = new CancelToken();
    Thread canceller = new Thread(() -> {
      try {
        if (started.await(10, TimeUnit.SECONDS)) {
          token.cancel();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    canceller.start();
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      assertThatThrownBy(() -> client.chat().user("Go").toolSets(waiting).runTools(ToolRunOptions.DEFAULTS, token))
          .isInstanceOf(dev.ailib.api.error.CancelledException.class);
    }
    canceller.join(10_000);
    assertThat(toolCancelled.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(fake.requestCount()).isEqualTo(1);
  }

  @Test
  void aRunNeedsToolSets() {
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      assertThatThrownBy(() -> client.chat().user("Go").runTools()).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("toolSets(");
    }
    assertThat(fake.requestCount()).isZero();
  }
}
