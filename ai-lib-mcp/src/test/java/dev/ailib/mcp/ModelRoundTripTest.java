package dev.ailib.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.FinishReason;
import dev.ailib.api.Message;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.Role;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import dev.ailib.core.spi.Environment;
import dev.ailib.mcp.server.HttpTestServer;
import dev.ailib.mcp.server.StdioServers;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * A model (FakeProvider, OpenAI and Anthropic wire styles, bundled manifests) asks for an MCP tool; the tool set
 * calls the real MCP server (streamable HTTP in this JVM, or stdio in a child JVM); the result goes back with the
 * call's id; the model answers. The loop between model and tools is written here with the public chat API.
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
    List<Message> history = new ArrayList<>(List.of(Message.user("Say hi through the server")));
    try (AiClient client = client(family)) {
      ChatResponse answer = runExecute(client, history, List.of(web, local));
      assertThat(answer.content()).isEqualTo("The server said hi back.");
      assertThat(answer.finishReason()).isEqualTo(FinishReason.END_TURN);
    }
    RecordedRequest first = fake.takeRequest(WAIT);
    RecordedRequest second = fake.takeRequest(WAIT);
    assertToolsOffered(family, first);
    assertToolResultSent(family, second, "call_1", "echo: hi", false);
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void executeRoundTripThroughAStdioServer(Family family) {
    fake.enqueue(Reply.toolCall("toolu_9", "mcp__local__add", "{\"a\":40,\"b\":2}"), Reply.text("It is 42."));
    List<Message> history = new ArrayList<>(List.of(Message.user("What is 40 + 2?")));
    try (AiClient client = client(family)) {
      assertThat(runExecute(client, history, List.of(web, local)).content()).isEqualTo("It is 42.");
    }
    fake.takeRequest(WAIT);
    assertToolResultSent(family, fake.takeRequest(WAIT), "toolu_9", "{\"sum\":42.0}", false);
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void aToolThatFailsGoesBackAsAnErrorTheModelReads(Family family) {
    fake.enqueue(Reply.toolCall("call_2", "mcp__web__fail", "{}"), Reply.text("The disk is full, sorry."));
    List<Message> history = new ArrayList<>(List.of(Message.user("Save it")));
    try (AiClient client = client(family)) {
      assertThat(runExecute(client, history, List.of(web)).content()).isEqualTo("The disk is full, sorry.");
    }
    fake.takeRequest(WAIT);
    assertToolResultSent(family, fake.takeRequest(WAIT), "call_2", "the disk is full", true);
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void streamRoundTrip(Family family) {
    fake.enqueue(Reply.toolCall("call_3", "mcp__web__echo", "{\"text\":\"streamed\"}"), Reply.text("Done."));
    List<Message> history = new ArrayList<>(List.of(Message.user("Echo, streaming")));
    try (AiClient client = client(family)) {
      assertThat(runStream(client, history, List.of(web, local))).isEqualTo("Done.");
    }
    RecordedRequest first = fake.takeRequest(WAIT);
    assertThat(first.streaming()).isTrue();
    assertToolResultSent(family, fake.takeRequest(WAIT), "call_3", "echo: streamed", false);
  }

  @Test
  void deniedToolsAreNeverOffered() {
    fake.enqueue(Reply.text("ok"));
    try (AiClient client = client(Family.OPENAI)) {
      runExecute(client, new ArrayList<>(List.of(Message.user("hi"))), List.of(web, local));
    }
    RecordedRequest first = fake.takeRequest(WAIT);
    String body = first.body();
    assertThat(body).contains("mcp__web__echo", "mcp__local__add")
        .doesNotContain("mcp__web__crash", "mcp__local__echo", "mcp__local__secret");
  }

  /** One model turn after another until the model answers without calling tools (at most 4 rounds). */
  private static ChatResponse runExecute(AiClient client, List<Message> history, List<McpToolSet> sets) {
    for (int round = 0; round < 4; round++) {
      ChatResponse r = client.chat().messages(history).tools(definitions(sets)).execute();
      if (r.toolCalls().isEmpty()) {
        return r;
      }
      history.add(Message.assistantToolCalls(r.content(), r.toolCalls()));
      for (ToolCall call : r.toolCalls()) {
        history.add(new Message(Role.TOOL, List.of(run(sets, call))));
      }
    }
    throw new AssertionError("the model did not finish within 4 rounds");
  }

  /** The same loop with streamed turns: tool calls come from {@code ToolCallEnded} events. */
  private static String runStream(AiClient client, List<Message> history, List<McpToolSet> sets) {
    for (int round = 0; round < 4; round++) {
      StringBuilder text = new StringBuilder();
      List<ToolCall> calls = new ArrayList<>();
      try (ChatStream stream = client.chat().messages(history).tools(definitions(sets)).stream()) {
        for (StreamingEvent e : stream) {
          if (e instanceof StreamingEvent.ContentDelta d) {
            text.append(d.text());
          } else if (e instanceof StreamingEvent.ToolCallEnded t) {
            calls.add(t.call());
          }
        }
      }
      if (calls.isEmpty()) {
        return text.toString();
      }
      history.add(Message.assistantToolCalls(text.toString(), calls));
      for (ToolCall call : calls) {
        history.add(new Message(Role.TOOL, List.of(run(sets, call))));
      }
    }
    throw new AssertionError("the model did not finish within 4 rounds");
  }

  private static List<dev.ailib.api.ToolDefinition> definitions(List<McpToolSet> sets) {
    return sets.stream().flatMap(s -> s.definitions().stream()).toList();
  }

  private static ContentBlock.ToolResult run(List<McpToolSet> sets, ToolCall call) {
    McpToolSet owner = sets.stream().filter(s -> s.definitions().stream().anyMatch(d -> d.name().equals(call.name())))
        .findFirst().orElseThrow(() -> new AssertionError("no set offers " + call.name()));
    return owner.call(call, new CancelToken());
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
