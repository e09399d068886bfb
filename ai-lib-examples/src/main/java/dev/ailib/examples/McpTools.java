package dev.ailib.examples;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.ToolExecution;
import dev.ailib.api.ToolRound;
import dev.ailib.api.ToolRunOptions;
import dev.ailib.api.ToolRunResult;
import dev.ailib.mcp.McpServerConfig;
import dev.ailib.mcp.McpToolSet;
import dev.ailib.testkit.fake.Reply;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tools of an MCP server used by a model: starts an MCP server as a subprocess (the {@link McpDemoServer}, or
 * the command given as arguments, such as {@code npx -y @modelcontextprotocol/server-everything}), offers its tools
 * to the model as {@code mcp__demo__<tool>} (with one tool denied), and lets the tool runner run the model's calls
 * on the server and send the results back until the model answers.
 *
 * <pre>
 * mvn -B -q -pl ai-lib-examples -am -Dmaven.test.skip=true package exec:java -Dexec.mainClass=dev.ailib.examples.McpTools
 * </pre>
 */
public final class McpTools {
  private McpTools() {
  }

  /**
   * Runs the example.
   *
   * @param args an MCP server command to use instead of the demo server, or none
   */
  public static void main(String[] args) {
    List<String> command = args.length > 0 ? List.of(args) : demoServerCommand();
    McpServerConfig server = McpServerConfig.stdio("demo", command)
        .deny("delete_everything")               // never offered to the model
        .callTimeout(Duration.ofSeconds(30))
        .build();
    try (McpToolSet tools = McpToolSet.connect(server);
        ExampleTarget target = ExampleTarget.open(
            Reply.toolCall("call_1", "mcp__demo__get_weather", "{\"city\":\"Paris\"}"),
            Reply.text("It is 18 degrees and sunny in Paris."));
        AiClient client = target.clientBuilder().build()) {
      System.out.println("MCP server: " + tools.serverInfo() + ", tools offered: "
          + tools.definitions().stream().map(ToolDefinition::name).toList());
      System.out.println("model: " + target.describe());
      // the tool runner offers the set's tools, runs the model's calls on the server and sends the results back
      ToolRunResult run = client.chat().user("What's the weather in Paris?").toolSets(tools)
          .runTools(ToolRunOptions.DEFAULTS.withMaxRounds(4).withToolCallTimeout(Duration.ofSeconds(30)),
              new CancelToken());
      for (ToolRound round : run.rounds()) {
        for (ToolExecution e : round.executions()) {
          System.out.println("tool " + e.call().name() + " " + e.call().argumentsJson() + " -> " + e.result().content()
              + (e.result().isError() ? " (error)" : ""));
        }
      }
      System.out.println(run.completed() ? "answer: " + run.response().content()
          : "the model did not finish within 4 rounds");
    }
  }

  /** A child JVM running {@link McpDemoServer} with this program's class path. */
  private static List<String> demoServerCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, "-cp", classPath(), McpDemoServer.class.getName());
  }

  /** The class path of this program: its class loader's (as under {@code exec:java}), else the JVM's. */
  private static String classPath() {
    if (McpTools.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          throw new IllegalStateException("class path entry " + url + " is not a file", e);
        }
      }
      return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }
    return System.getProperty("java.class.path");
  }
}
