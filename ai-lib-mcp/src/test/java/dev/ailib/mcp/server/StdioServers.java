package dev.ailib.mcp.server;

import dev.ailib.mcp.McpServerConfig;
import java.nio.file.Path;
import java.util.List;

/** Configurations that start {@link StdioTestServer} as a child JVM with the test class path. */
public final class StdioServers {
  private StdioServers() {
  }

  /**
   * A builder for a stdio server running {@link StdioTestServer}.
   *
   * @param name the server's name
   * @return the builder
   */
  public static McpServerConfig.Builder testServer(String name) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return McpServerConfig.stdio(name, List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Xshare:auto", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath,
        StdioTestServer.class.getName()));
  }
}
