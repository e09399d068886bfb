package dev.ailib.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * An MCP server for one provider-mock case: the MCP Java SDK's server over streamable HTTP on an embedded Tomcat
 * (127.0.0.1, a free port), offering one tool that records each {@code tools/call} request it receives and answers
 * the case's result. The client under test is ai-lib-mcp's {@code McpToolSet}.
 */
final class McpCaseServer implements AutoCloseable {
  static {
    java.util.logging.Logger.getLogger("org.apache").setLevel(java.util.logging.Level.SEVERE);
  }

  private final Tomcat tomcat;
  private final McpSyncServer server;
  private final Path baseDir;
  private final URI endpoint;
  private final List<McpSchema.CallToolRequest> calls = new CopyOnWriteArrayList<>();

  private McpCaseServer(String tool, McpSchema.CallToolResult answer) throws IOException, LifecycleException {
    baseDir = Files.createTempDirectory("mcp-case");
    HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper())).mcpEndpoint("/mcp").build();
    SyncToolSpecification spec = SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder().name(tool).description("the case's tool")
            .inputSchema(Map.of("type", "object")).build())
        .callHandler((exchange, request) -> {
          calls.add(request);
          return answer;
        }).build();
    server = McpServer.sync(transport).serverInfo("compliance-case", "1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build()).tools(List.of(spec)).build();
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", baseDir.toString());
    Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
    context.addServletMappingDecoded("/*", "mcp");
    tomcat.start();
    endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/mcp");
  }

  /**
   * Starts a server offering one tool.
   *
   * @param tool the tool's name
   * @param answer what every call of it answers
   * @return the running server
   */
  static McpCaseServer start(String tool, McpSchema.CallToolResult answer) {
    try {
      return new McpCaseServer(tool, answer);
    } catch (IOException | LifecycleException e) {
      throw new IllegalStateException("cannot start the case's MCP server", e);
    }
  }

  URI endpoint() {
    return endpoint;
  }

  /** The {@code tools/call} requests received, in order. */
  List<McpSchema.CallToolRequest> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {
    try {
      server.closeGracefully();
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException("cannot stop the case's MCP server", e);
    } finally {
      try (var files = Files.walk(baseDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }
  }
}
