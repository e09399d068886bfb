package dev.ailib.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ModulePathChat} in a JVM of its own on the module path ({@code java -p ... -m ...}), with both
 * transports and the manifest loader as modules beside it: what a JPMS application gets.
 */
class ModulePathTest {

  @Test
  void anApplicationModuleChatsThroughEachTransport() throws Exception {
    String deps = Files.readString(Path.of("target", "module-path.txt"), StandardCharsets.UTF_8).trim();
    Path classes = Path.of(ModulePathChat.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-p");
    command.add(classes + File.pathSeparator + deps);
    command.add("-m");
    command.add("dev.ailib.modulepath/dev.ailib.modulepath.ModulePathChat");
    Path output = Files.createTempFile("module-path-chat", ".txt");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      boolean exited = p.waitFor(120, TimeUnit.SECONDS);
      if (!exited) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String out = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(exited).as("finished within 120 s; output:%n%s", out).isTrue();
      assertThat(p.exitValue()).as("exit code; output:%n%s", out).isZero();
      assertThat(out).contains("module: dev.ailib.modulepath")
          .contains("dev.ailib.transport.httpclient5").contains("dev.ailib.transport.jdk")
          .contains("dev.ailib.protocol.yaml")
          .contains("default chat: Hello from the module path")
          .contains("default stream: Hello from the module path")
          .contains("httpclient5 chat: Hello from the module path")
          .contains("httpclient5 stream: Hello from the module path")
          .contains("jdk chat: Hello from the module path")
          .contains("jdk stream: Hello from the module path");
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
