package dev.ailib.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.mcp.server.StdioServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tool set against a real MCP server (the SDK's own) in a child JVM over stdio. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StdioToolSetTest {

  @Test
  void listsAndCallsToolsOfAChildProcess() {
    try (McpToolSet set = McpToolSet.connect(StdioServers.testServer("local", StdioServers.marker()).build())) {
      assertThat(set.definitions()).extracting(ToolDefinition::name).contains("mcp__local__echo", "mcp__local__add");
      assertThat(set.serverInfo()).isEqualTo("stdio-test 1.0");
      ContentBlock.ToolResult r = set.call(new ToolCall("call_7", "mcp__local__echo", "{\"text\":\"über\"}"),
          new CancelToken());
      assertThat(r).isEqualTo(new ContentBlock.ToolResult("call_7", "echo: über", false));
      ContentBlock.ToolResult sum = set.call(new ToolCall("call_8", "mcp__local__add", "{\"a\":1.5,\"b\":2}"),
          new CancelToken());
      assertThat(sum.content()).isEqualTo("{\"sum\":3.5}");
      ContentBlock.ToolResult failed = set.call(new ToolCall("call_9", "mcp__local__fail", "{}"), new CancelToken());
      assertThat(failed.isError()).isTrue();
      assertThat(failed.content()).isEqualTo("the disk is full");
      ContentBlock.ToolResult thrown = set.call(new ToolCall("call_10", "mcp__local__boom", "{}"), new CancelToken());
      assertThat(McpFailure.of(thrown)).contains(McpFailure.PROTOCOL_ERROR);
      assertThat(thrown.content()).contains("kaboom").contains("-32603");
    }
  }

  @Test
  void parallelCallsOnOneServerEachGetTheirOwnResult() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (McpToolSet set = McpToolSet.connect(StdioServers.testServer("local", StdioServers.marker()).build())) {
      List<Future<ContentBlock.ToolResult>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String text = "n" + i;
        results.add(pool.submit(() -> set.call(new ToolCall("id" + text, "mcp__local__echo",
            "{\"text\":\"" + text + "\"}"), new CancelToken())));
      }
      for (int i = 0; i < 8; i++) {
        assertThat(results.get(i).get(20, TimeUnit.SECONDS))
            .isEqualTo(new ContentBlock.ToolResult("idn" + i, "echo: n" + i, false));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aServerProcessThatDiesDuringACallIsAnUnavailableErrorAtOnce() {
    // a call timeout far beyond the class's JUnit timeout: only noticing the process's end can end the call in time
    try (McpToolSet set = McpToolSet.connect(StdioServers.testServer("local", StdioServers.marker())
        .callTimeout(Duration.ofMinutes(10)).build())) {
      ContentBlock.ToolResult r = set.call(new ToolCall("c", "mcp__local__crash", "{}"), new CancelToken());
      assertThat(McpFailure.of(r)).contains(McpFailure.SERVER_UNAVAILABLE);
      assertThat(r.content()).contains("exited with code 3").contains("\"retryable\":true");
      ContentBlock.ToolResult after = set.call(new ToolCall("d", "mcp__local__echo", "{\"text\":\"x\"}"),
          new CancelToken());
      assertThat(McpFailure.of(after)).contains(McpFailure.SERVER_UNAVAILABLE);
      assertThat(after.content()).contains("exited with code 3");
    }
  }

  @Test
  void aTimedOutCallLeavesTheSessionUsable() {
    try (McpToolSet set = McpToolSet.connect(StdioServers.testServer("local", StdioServers.marker())
        .callTimeout(Duration.ofSeconds(2)).build())) {
      // the server's call path is warm before the timed call, so the calls around it are quick
      assertThat(set.call(new ToolCall("a", "mcp__local__echo", "{\"text\":\"warm\"}"), new CancelToken())
          .content()).isEqualTo("echo: warm");
      ContentBlock.ToolResult r = set.call(new ToolCall("c", "mcp__local__slow", "{\"millis\":30000}"),
          new CancelToken());
      assertThat(McpFailure.of(r)).contains(McpFailure.TIMEOUT);
      assertThat(r.content()).contains("no answer within 2 s");
      assertThat(set.call(new ToolCall("d", "mcp__local__echo", "{\"text\":\"still\"}"), new CancelToken()).content())
          .isEqualTo("echo: still");
    }
  }

  @Test
  void closeStopsTheChildProcess() throws Exception {
    String marker = StdioServers.marker();
    McpToolSet set = McpToolSet.connect(StdioServers.testServer("local", marker).build());
    List<ProcessHandle> running = StdioServers.children(marker);
    assertThat(running).hasSize(1);
    set.close();
    assertThat(running.get(0).onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    assertThat(StdioServers.children(marker)).isEmpty();
    ContentBlock.ToolResult r = set.call(new ToolCall("c", "mcp__local__echo", "{\"text\":\"x\"}"), new CancelToken());
    assertThat(McpFailure.of(r)).contains(McpFailure.CANCELLED);
    set.close(); // idempotent
  }

  @Test
  void aServerThatNeverAnswersTheHandshakeTimesOutAndIsStopped() {
    String marker = StdioServers.marker();
    // a JVM that runs but never speaks MCP: it sleeps, ignoring its input
    McpServerConfig c = McpServerConfig.stdio("mute", StdioServers.javaCommand(marker,
            "dev.ailib.mcp.server.MuteProcess"))
        .connectTimeout(Duration.ofMillis(1500)).shutdownTimeout(Duration.ofMillis(300)).build();
    assertThatThrownBy(() -> McpToolSet.connect(c))
        .isInstanceOf(McpException.class)
        .satisfies(e -> assertThat(((McpException) e).errorType()).isEqualTo(StandardErrorCode.TIMEOUT))
        .hasMessageContaining("'mute'");
    assertThat(StdioServers.children(marker)).isEmpty();
  }

  @Test
  void aCommandThatCannotStartFailsConnectNamingIt() {
    McpServerConfig c = McpServerConfig.stdio("nope", List.of("/nonexistent/mcp-server-binary", "--flag")).build();
    assertThatThrownBy(() -> McpToolSet.connect(c))
        .isInstanceOf(McpException.class)
        .hasMessageContaining("'nope'").hasMessageContaining("/nonexistent/mcp-server-binary")
        .satisfies(e -> assertThat(((McpException) e).serverName()).isEqualTo("nope"))
        .satisfies(e -> assertThat(((McpException) e).errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR));
  }

  @Test
  void aServerThatExitsAtStartFailsConnectWithItsExitCodeAndErrorOutputMasked() {
    String secret = "sekrit-value-42";
    McpServerConfig c = McpServerConfig.stdio("broken", StdioServers.javaCommand(StdioServers.marker(),
        "dev.ailib.mcp.NoSuchMain" + secret)).env("TOKEN", secret).connectTimeout(Duration.ofSeconds(20)).build();
    assertThatThrownBy(() -> McpToolSet.connect(c))
        .isInstanceOf(McpException.class)
        .hasMessageContaining("'broken'").hasMessageContaining("exited with code 1")
        .hasMessageContaining("Could not find or load main class")
        .hasMessageNotContaining(secret);
  }
}
