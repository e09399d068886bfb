package dev.ailib.mcp.server;

import dev.ailib.mcp.McpServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Configurations that start {@link StdioTestServer} as a child JVM with the test class path. */
public final class StdioServers {
  private StdioServers() {
  }

  /**
   * A builder for a stdio server running {@link StdioTestServer}, marked so the test can find its process.
   *
   * @param name the server's name
   * @param marker a text that is part of the child's command line
   * @return the builder
   */
  public static McpServerConfig.Builder testServer(String name, String marker) {
    return McpServerConfig.stdio(name, javaCommand(marker, StdioTestServer.class.getName()));
  }

  /**
   * A child JVM command running a main class with the test class path.
   *
   * @param marker a text that is part of the command line
   * @param mainClass the class and its arguments
   * @return the command
   */
  public static List<String> javaCommand(String marker, String... mainClass) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Xshare:auto", "-Dailib.test.marker=" + marker, "-cp", classPath));
    command.addAll(List.of(mainClass));
    return command;
  }

  /** A fresh marker. */
  public static String marker() {
    return UUID.randomUUID().toString();
  }

  /**
   * The live child processes of this JVM started with a marker.
   *
   * @param marker the marker
   * @return the processes
   */
  public static List<ProcessHandle> children(String marker) {
    return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains("-Dailib.test.marker=" + marker))
            .orElse(false))
        .toList();
  }
}
