package dev.ailib.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.mcp.server.ModulePathProbe;
import dev.ailib.mcp.server.StdioServers;
import dev.ailib.mcp.server.StdioTestServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ai-lib-mcp as a named module: a JVM with the module, the api and the SDK on the module path (the SDK and Reactor
 * as automatic modules, json-schema-validator as its own named module) connects to the stdio test server and calls
 * a tool, so module-info's requires are complete and nothing depends on class-path-only service lookups.
 */
class ModulePathTest {

  @Test
  void theModuleWorksOnTheModulePath() throws Exception {
    String deps = Files.readString(Path.of("target", "module-path.txt"), StandardCharsets.UTF_8).trim();
    Path classes = Path.of(McpToolSet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path testClasses = Path.of(ModulePathProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-p", classes + File.pathSeparator + deps,
        "--add-modules", "dev.ailib.mcp", "-cp", testClasses.toString(), ModulePathProbe.class.getName()));
    command.addAll(StdioServers.javaCommand(StdioServers.marker(), StdioTestServer.class.getName()));
    Path output = Files.createTempFile("mcp-module-path", ".txt");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      boolean exited = p.waitFor(60, TimeUnit.SECONDS);
      if (!exited) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String out = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(exited).as("finished within 60 s; output:%n%s", out).isTrue();
      assertThat(p.exitValue()).as("exit code; output:%n%s", out).isZero();
      assertThat(out).contains("module: dev.ailib.mcp").contains("sdk module: io.modelcontextprotocol.sdk.mcp.core")
          .contains("result: echo: modules");
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
