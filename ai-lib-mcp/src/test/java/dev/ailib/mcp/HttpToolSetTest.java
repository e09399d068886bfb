package dev.ailib.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.mcp.server.HttpTestServer;
import dev.ailib.mcp.server.TestTools;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tool set against a real MCP server (the SDK's own) over streamable HTTP on 127.0.0.1. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpToolSetTest {
  private HttpTestServer server;

  @BeforeEach
  void start() {
    server = HttpTestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private McpServerConfig.Builder config() {
    return McpServerConfig.http("web", server.endpoint());
  }

  @Test
  void listsToolsAsNamespacedFunctions() {
    try (McpToolSet set = McpToolSet.connect(config().build())) {
      assertThat(set.definitions()).extracting(ToolDefinition::name).containsExactly("mcp__web__echo",
          "mcp__web__add", "mcp__web__fail", "mcp__web__boom", "mcp__web__slow", "mcp__web__crash",
          "mcp__web__crash_streaming", "mcp__web__secret");
      ToolDefinition echo = set.definitions().get(0);
      assertThat(echo.description()).isEqualTo("Repeats the text");
      assertThat(echo.parameters()).containsEntry("type", "object").containsKey("properties");
      assertThat(set.serverInfo()).isEqualTo("http-test 1.0");
    }
  }

  @Test
  void runsACallAndReturnsItsText() {
    try (McpToolSet set = McpToolSet.connect(config().build())) {
      ContentBlock.ToolResult r = set.call(new ToolCall("call_1", "mcp__web__echo", "{\"text\":\"hi\"}"),
          new CancelToken());
      assertThat(r.toolCallId()).isEqualTo("call_1");
      assertThat(r.isError()).isFalse();
      assertThat(r.content()).isEqualTo("echo: hi");
      assertThat(server.bodies()).anySatisfy(b -> assertThat(b).contains("\"tools/call\"").contains("\"echo\""));
    }
  }

  @Test
  void structuredContentBecomesJsonAndIsCheckedAgainstTheOutputSchema() {
    try (McpToolSet set = McpToolSet.connect(config().build())) {
      ContentBlock.ToolResult ok = set.call(new ToolCall("c", "mcp__web__add", "{\"a\":2,\"b\":3}"), new CancelToken());
      assertThat(ok.isError()).isFalse();
      assertThat(ok.content()).contains("\"sum\":5.0");
      ContentBlock.ToolResult bad = set.call(new ToolCall("d", "mcp__web__add", "{\"a\":2,\"b\":3,\"cheat\":true}"),
          new CancelToken());
      assertThat(bad.isError()).isTrue();
      assertThat(McpFailure.of(bad)).contains(McpFailure.INVALID_OUTPUT);
      assertThat(bad.content()).contains("output schema");
    }
  }

  @Test
  void aToolThatFailsIsAnErrorResultWithItsOwnText() {
    try (McpToolSet set = McpToolSet.connect(config().build())) {
      ContentBlock.ToolResult r = set.call(new ToolCall("c", "mcp__web__fail", "{}"), new CancelToken());
      assertThat(r.isError()).isTrue();
      assertThat(r.content()).isEqualTo("the disk is full");
      assertThat(McpFailure.of(r)).isEmpty();
    }
  }

  @Test
  void cancellingStopsTheWaitAndTellsTheServer() throws Exception {
    TestTools.slowStarted = new CountDownLatch(1);
    try (McpToolSet set = McpToolSet.connect(config().build())) {
      CancelToken cancel = new CancelToken();
      Thread canceller = new Thread(() -> {
        try {
          if (TestTools.slowStarted.await(10, TimeUnit.SECONDS)) {
            cancel.cancel();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      canceller.start();
      // the tool would sleep far beyond the JUnit timeout: only the cancellation can end the call in time
      ContentBlock.ToolResult r = set.call(new ToolCall("c", "mcp__web__slow", "{\"millis\":600000}"), cancel);
      assertThat(McpFailure.of(r)).contains(McpFailure.CANCELLED);
      canceller.join();
      waitFor(() -> server.bodies().stream().anyMatch(b -> b.contains("notifications/cancelled")));
      String callBody = server.bodies().stream().filter(b -> b.contains("\"slow\"")).findFirst().orElseThrow();
      String id = callBody.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
      assertThat(server.bodies()).anySatisfy(b -> assertThat(b).contains("notifications/cancelled")
          .contains("\"requestId\":\"" + id + "\""));
      // the session still works
      assertThat(set.call(new ToolCall("e", "mcp__web__echo", "{\"text\":\"after\"}"), new CancelToken()).content())
          .isEqualTo("echo: after");
    }
  }

  @Test
  void closeEndsTheHttpSession() throws Exception {
    McpToolSet set = McpToolSet.connect(config().build());
    set.call(new ToolCall("c", "mcp__web__echo", "{\"text\":\"x\"}"), new CancelToken());
    assertThat(server.methods()).doesNotContain("DELETE");
    set.close();
    waitFor(() -> server.methods().contains("DELETE"));
  }

  @Test
  void closeEndsCallsInFlightAsCancelled() throws Exception {
    TestTools.slowStarted = new CountDownLatch(1);
    McpToolSet set = McpToolSet.connect(config().build());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<ContentBlock.ToolResult> call = pool.submit(() -> set.call(new ToolCall("c",
          "mcp__web__slow", "{\"millis\":20000}"), new CancelToken()));
      assertThat(TestTools.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
      set.close();
      ContentBlock.ToolResult r = call.get(10, TimeUnit.SECONDS);
      assertThat(McpFailure.of(r)).contains(McpFailure.CANCELLED);
      assertThat(r.content()).contains("closed");
      assertThat(McpFailure.of(set.call(new ToolCall("d", "mcp__web__echo", "{}"), new CancelToken())))
          .contains(McpFailure.CANCELLED);
    } finally {
      pool.shutdownNow();
      set.close();
    }
  }

  @Test
  void aCallLongerThanItsTimeoutIsATimeoutError() {
    try (McpToolSet set = McpToolSet.connect(config().callTimeout(Duration.ofMillis(300)).build())) {
      ContentBlock.ToolResult r = set.call(new ToolCall("c", "mcp__web__slow", "{\"millis\":20000}"),
          new CancelToken());
      assertThat(McpFailure.of(r)).contains(McpFailure.TIMEOUT);
      assertThat(r.content()).contains("300 ms").contains("\"code\":\"E3003\"").contains("\"retryable\":true");
    }
  }

  /** The call timeout of the dying-server tests: far beyond the class's JUnit timeout, so it cannot be what ends them. */
  private static final Duration NEVER = Duration.ofMinutes(10);

  @Test
  void aServerThatDiesDuringACallIsAnUnavailableError() {
    try (McpToolSet set = McpToolSet.connect(config().callTimeout(NEVER).build())) {
      ContentBlock.ToolResult r = set.call(new ToolCall("c", "mcp__web__crash", "{}"), new CancelToken());
      assertThat(McpFailure.of(r)).contains(McpFailure.SERVER_UNAVAILABLE);
    }
  }

  @Test
  void aServerThatDiesAfterItsAnswerStartedIsAnUnavailableErrorBeforeTheTimeout() {
    try (McpToolSet set = McpToolSet.connect(config().callTimeout(NEVER).build())) {
      ContentBlock.ToolResult r = set.call(new ToolCall("c", "mcp__web__crash_streaming", "{}"), new CancelToken());
      assertThat(McpFailure.of(r)).contains(McpFailure.SERVER_UNAVAILABLE);
      assertThat(r.content()).contains("does not answer a ping");
    }
  }

  @Test
  void allowAndDenyListsFilterTheOfferedTools() {
    try (McpToolSet set = McpToolSet.connect(config().allow("echo", "secret", "missing").deny("secret").build())) {
      assertThat(set.definitions()).extracting(ToolDefinition::name).containsExactly("mcp__web__echo");
      assertThatThrownBy(() -> set.call(new ToolCall("c", "mcp__web__secret", "{}"), new CancelToken()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mcp__web__secret")
          .hasMessageContaining("mcp__web__echo");
    }
    assertThat(server.bodies()).noneMatch(b -> b.contains("\"secret\"") && b.contains("tools/call"));
  }

  @Test
  void argumentsThatAreNotAnObjectAreRefusedWithoutCallingTheServer() {
    try (McpToolSet set = McpToolSet.connect(config().build())) {
      int before = server.bodies().size();
      ContentBlock.ToolResult r = set.call(new ToolCall("c", "mcp__web__echo", "[1,2]"), new CancelToken());
      assertThat(McpFailure.of(r)).contains(McpFailure.INVALID_ARGUMENTS);
      assertThat(r.content()).contains("[1,2]").contains("\"retryable\":false");
      assertThat(McpFailure.of(set.call(new ToolCall("d", "mcp__web__echo", "{oops"), new CancelToken())))
          .contains(McpFailure.INVALID_ARGUMENTS);
      assertThat(server.bodies()).hasSize(before);
    }
  }

  @Test
  void argumentsTheServerRejectsAreAnErrorTheModelCanFix() {
    try (McpToolSet set = McpToolSet.connect(config().build())) {
      ContentBlock.ToolResult r = set.call(new ToolCall("c", "mcp__web__echo", "{\"txt\":1}"), new CancelToken());
      assertThat(r.isError()).isTrue();
      assertThat(r.content()).contains("text");
    }
  }

  @Test
  void toolsAddedLaterAreOfferedAndBadNamesAreLeftOut() throws Exception {
    try (McpToolSet set = McpToolSet.connect(config().build())) {
      server.addTool(TestTools.named("late"));
      server.addTool(TestTools.named("bad.name"));
      server.addTool(TestTools.named("x".repeat(60)));
      waitFor(() -> set.definitions().stream().anyMatch(d -> d.name().equals("mcp__web__late"))
          && set.skippedTools().size() == 2);
      assertThat(set.skippedTools()).containsExactlyInAnyOrder("bad.name", "x".repeat(60));
      assertThat(set.call(new ToolCall("c", "mcp__web__late", "{}"), new CancelToken()).content()).isEqualTo("late");
      server.removeTool("late");
      waitFor(() -> set.definitions().stream().noneMatch(d -> d.name().equals("mcp__web__late")));
      ContentBlock.ToolResult gone = set.call(new ToolCall("d", "mcp__web__late", "{}"), new CancelToken());
      assertThat(McpFailure.of(gone)).contains(McpFailure.PROTOCOL_ERROR);
      assertThat(gone.content()).contains("no longer offered");
    }
  }

  @Test
  void anEndpointNobodyListensOnFailsConnect() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    McpServerConfig c = McpServerConfig.http("gone", java.net.URI.create("http://127.0.0.1:" + port + "/mcp?key=k3y-s3cret"))
        .build();
    assertThatThrownBy(() -> McpToolSet.connect(c))
        .isInstanceOf(McpException.class)
        .hasMessageContaining("'gone'").hasMessageContaining("127.0.0.1:" + port)
        .hasMessageNotContaining("k3y-s3cret");
  }

  @Test
  void headersAreSentAndNeverPrinted() {
    McpServerConfig c = config().bearerToken("tok-123456").build();
    assertThat(c.toString()).doesNotContain("tok-123456").contains("Authorization");
    try (McpToolSet set = McpToolSet.connect(c)) {
      set.call(new ToolCall("c", "mcp__web__echo", "{\"text\":\"x\"}"), new CancelToken());
    }
    assertThat(server.authorizations()).isNotEmpty().allMatch("Bearer tok-123456"::equals);
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }
}
