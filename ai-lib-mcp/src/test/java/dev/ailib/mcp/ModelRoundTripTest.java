package dev.ailib.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.FinishReason;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolExecution;
import dev.ailib.api.ToolRunEvent;
import dev.ailib.api.ToolRunOptions;
import dev.ailib.api.ToolRunResult;
import dev.ailib.api.ToolRunStream;
import dev.ailib.api.Tools;
import dev.ailib.api.error.CancelledException;
import dev.ailib.core.spi.Environment;
import dev.ailib.mcp.server.HttpTestServer;
import dev.ailib.mcp.server.StdioServers;
import dev.ailib.mcp.server.TestTools;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A model (FakeProvider, OpenAI and Anthropic wire styles, bundled manifests) asks for an MCP tool; the tool runner
 * ({@code runTools}, {@code streamTools}) sends the call to the tool set, which calls the real MCP server (streamable
 * HTTP in this JVM, or stdio in a child JVM); the result goes back with the call's id; the model answers. Also: MCP
 * and local Java tools in one run, and the runner's tool timeout and cancellation reaching the MCP server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModelRoundTripTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  enum Family {
    OPENAI("openai/gpt-4o"),
    ANTHROPIC("anthropic/claude-sonnet-4-5");

    final String model;

    Family(String model) {
      this.model = model;
    }
  }

  private HttpTestServer httpServer;
  private McpToolSet web;
  private McpToolSet local;
  private FakeProvider fake;

  @BeforeAll
  void servers() {
    httpServer = HttpTestServer.start();
    web = McpToolSet.connect(McpServerConfig.http("web", httpServer.endpoint()).deny("crash", "crash_streaming")
        .build());
    local = McpToolSet.connect(StdioServers.testServer("local", StdioServers.marker()).allow("add").build());
  }

  @AfterAll
  void stopServers() {
    local.close();
    web.close();
    httpServer.close();
  }

  @BeforeEach
  void startFake() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private AiClient client(Family family) {
    return AiClient.builder().model(family.model).baseUrl(fake.baseUrl()).apiKey("sk-test")
        .resilience(ResilientConfig.builder().maxRetries(0).build()).component(Environment.of(Map.of())).build();
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void executeRoundTripThroughAnHttpServer(Family family) {
    fake.enqueue(Reply.toolCall("call_1", "mcp__web__echo", "{\"text\":\"hi\"}"),
        Reply.text("The server said hi back."));
    ToolRunResult run;
    try (AiClient client = client(family)) {
      run = client.chat().user("Say hi through the server").toolSets(web, local).runTools();
    }
    assertThat(run.completed()).isTrue();
    assertThat(run.response().content()).isEqualTo("The server said hi back.");
    assertThat(run.response().finishReason()).isEqualTo(FinishReason.END_TURN);
    assertThat(run.rounds()).hasSize(2);
    assertThat(run.rounds().get(0).executions()).extracting(ToolExecution::result)
        .containsExactly(new ContentBlock.ToolResult("call_1", "echo: hi", false));
    RecordedRequest first = fake.takeRequest(WAIT);
    RecordedRequest second = fake.takeRequest(WAIT);
    assertToolsOffered(family, first);
    assertToolResultSent(family, second, "call_1", "echo: hi", false);
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void executeRoundTripThroughAStdioServer(Family family) {
    fake.enqueue(Reply.toolCall("toolu_9", "mcp__local__add", "{\"a\":40,\"b\":2}"), Reply.text("It is 42."));
    try (AiClient client = client(family)) {
      assertThat(client.chat().user("What is 40 + 2?").toolSets(web, local).runTools().response().content())
          .isEqualTo("It is 42.");
    }
    fake.takeRequest(WAIT);
    assertToolResultSent(family, fake.takeRequest(WAIT), "toolu_9", "{\"sum\":42.0}", false);
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void aToolThatFailsGoesBackAsAnErrorTheModelReads(Family family) {
    fake.enqueue(Reply.toolCall("call_2", "mcp__web__fail", "{}"), Reply.text("The disk is full, sorry."));
    try (AiClient client = client(family)) {
      assertThat(client.chat().user("Save it").toolSets(web).runTools().response().content())
          .isEqualTo("The disk is full, sorry.");
    }
    fake.takeRequest(WAIT);
    assertToolResultSent(family, fake.takeRequest(WAIT), "call_2", "the disk is full", true);
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void streamRoundTrip(Family family) {
    fake.enqueue(Reply.toolCall("call_3", "mcp__web__echo", "{\"text\":\"streamed\"}"), Reply.text("Done."));
    StringBuilder text = new StringBuilder();
    List<ToolExecution> executed = new ArrayList<>();
    ToolRunResult result = null;
    try (AiClient client = client(family);
        ToolRunStream stream = client.chat().user("Echo, streaming").toolSets(web, local).streamTools()) {
      for (ToolRunEvent e : stream) {
        if (e instanceof ToolRunEvent.ModelEvent m && m.event() instanceof StreamingEvent.ContentDelta d) {
          text.append(d.text());
        } else if (e instanceof ToolRunEvent.ToolExecuted t) {
          executed.add(t.execution());
        } else if (e instanceof ToolRunEvent.Finished f) {
          result = f.result();
        }
      }
    }
    assertThat(text.toString()).isEqualTo("Done.");
    assertThat(executed).extracting(ToolExecution::result)
        .containsExactly(new ContentBlock.ToolResult("call_3", "echo: streamed", false));
    assertThat(result).isNotNull();
    assertThat(result.completed()).isTrue();
    RecordedRequest first = fake.takeRequest(WAIT);
    assertThat(first.streaming()).isTrue();
    assertToolResultSent(family, fake.takeRequest(WAIT), "call_3", "echo: streamed", false);
  }

  /** The arguments of the local tool. */
  record TimeQuery(String zone) {
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void mcpToolsAndLocalJavaToolsRunSideBySide(Family family) {
    Tools clock = Tools.builder().add("get_time", "The time in a zone", TimeQuery.class, q -> "12:00 in " + q.zone())
        .build();
    fake.enqueue(Reply.toolCalls(Reply.toolCallPart("call_a", "mcp__web__echo", "{\"text\":\"x\"}"),
        Reply.toolCallPart("call_b", "get_time", "{\"zone\":\"UTC\"}"),
        Reply.toolCallPart("call_c", "mcp__local__add", "{\"a\":1,\"b\":1}")), Reply.text("All done."));
    ToolRunResult run;
    try (AiClient client = client(family)) {
      run = client.chat().user("Do three things").toolSets(web, clock, local).runTools();
    }
    assertThat(run.response().content()).isEqualTo("All done.");
    assertThat(run.rounds().get(0).executions()).extracting(ToolExecution::result).containsExactlyInAnyOrder(
        new ContentBlock.ToolResult("call_a", "echo: x", false),
        new ContentBlock.ToolResult("call_b", "12:00 in UTC", false),
        new ContentBlock.ToolResult("call_c", "{\"sum\":2.0}", false));
    RecordedRequest first = fake.takeRequest(WAIT);
    assertThat(first.body()).contains("mcp__web__echo", "get_time", "mcp__local__add");
    RecordedRequest second = fake.takeRequest(WAIT);
    assertThat(second.body()).contains("call_a", "call_b", "call_c", "12:00 in UTC");
  }

  @Test
  void theRunnersToolTimeoutCancelsTheMcpCallOnTheServer() throws Exception {
    TestTools.slowStarted = new CountDownLatch(1);
    fake.enqueue(Reply.toolCall("call_slow", "mcp__web__slow", "{\"millis\":600000}"), Reply.text("Too slow."));
    ToolRunResult run;
    try (AiClient client = client(Family.OPENAI)) {
      run = client.chat().user("Be slow").toolSets(web).runTools(
          ToolRunOptions.DEFAULTS.withToolCallTimeout(Duration.ofMillis(500)), new CancelToken());
    }
    ToolExecution execution = run.rounds().get(0).executions().get(0);
    assertThat(execution.timedOut()).isTrue();
    assertThat(execution.result().isError()).isTrue();
    assertThat(run.response().content()).isEqualTo("Too slow.");
    HttpToolSetTest.waitFor(() -> httpServer.bodies().stream().anyMatch(b -> b.contains("notifications/cancelled")
        && b.contains(slowCallId())));
  }

  @Test
  void cancellingTheRunCancelsTheMcpCallOnTheServer() throws Exception {
    TestTools.slowStarted = new CountDownLatch(1);
    fake.enqueue(Reply.toolCall("call_long", "mcp__web__slow", "{\"millis\":600000}"));
    CancelToken cancel = new CancelToken();
    Thread canceller = new Thread(() -> {
      try {
        if (TestTools.slowStarted.await(20, TimeUnit.SECONDS)) {
          cancel.cancel();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    canceller.start();
    try (AiClient client = client(Family.ANTHROPIC)) {
      assertThatThrownBy(() -> client.chat().user("Be slow").toolSets(web).runTools(ToolRunOptions.DEFAULTS, cancel))
          .isInstanceOf(CancelledException.class);
    }
    canceller.join();
    HttpToolSetTest.waitFor(() -> httpServer.bodies().stream().anyMatch(b -> b.contains("notifications/cancelled")
        && b.contains(slowCallId())));
  }

  /** The JSON-RPC id of the latest {@code slow} call the HTTP server received. */
  private String slowCallId() {
    List<String> calls = httpServer.bodies().stream().filter(b -> b.contains("\"tools/call\"") && b.contains("\"slow\""))
        .toList();
    return calls.isEmpty() ? "none" : calls.get(calls.size() - 1).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  @Test
  void deniedToolsAreNeverOffered() {
    fake.enqueue(Reply.text("ok"));
    try (AiClient client = client(Family.OPENAI)) {
      client.chat().user("hi").toolSets(web, local).runTools();
    }
    RecordedRequest first = fake.takeRequest(WAIT);
    assertThat(first.body()).contains("mcp__web__echo", "mcp__local__add")
        .doesNotContain("mcp__web__crash", "mcp__local__echo", "mcp__local__secret");
  }

  private static void assertToolsOffered(Family family, RecordedRequest first) {
    switch (family) {
      case OPENAI -> {
        assertThat(first.jsonString("tools[0].type")).isEqualTo("function");
        assertThat(first.jsonString("tools[0].function.name")).isEqualTo("mcp__web__echo");
        assertThat(first.jsonString("tools[0].function.parameters.properties.text.type")).isEqualTo("string");
      }
      case ANTHROPIC -> {
        assertThat(first.jsonString("tools[0].name")).isEqualTo("mcp__web__echo");
        assertThat(first.jsonString("tools[0].input_schema.properties.text.type")).isEqualTo("string");
      }
    }
  }

  private static void assertToolResultSent(Family family, RecordedRequest second, String id, String content,
      boolean isError) {
    switch (family) {
      case OPENAI -> {
        assertThat(second.jsonString("messages[1].tool_calls[0].id")).isEqualTo(id);
        assertThat(second.jsonString("messages[2].role")).isEqualTo("tool");
        assertThat(second.jsonString("messages[2].tool_call_id")).isEqualTo(id);
        assertThat(second.jsonString("messages[2].content")).isEqualTo(content);
      }
      case ANTHROPIC -> {
        assertThat(second.jsonString("messages[1].content[0].type")).isEqualTo("tool_use");
        assertThat(second.jsonString("messages[1].content[0].id")).isEqualTo(id);
        assertThat(second.jsonString("messages[2].content[0].type")).isEqualTo("tool_result");
        assertThat(second.jsonString("messages[2].content[0].tool_use_id")).isEqualTo(id);
        assertThat(second.jsonString("messages[2].content[0].content")).isEqualTo(content);
        assertThat(second.jsonAt("messages[2].content[0].is_error")).isEqualTo(isError ? Boolean.TRUE : null);
      }
    }
  }
}
