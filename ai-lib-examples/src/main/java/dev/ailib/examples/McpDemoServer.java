package dev.ailib.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * A small MCP server over stdio, built with the MCP Java SDK, that {@link McpTools} starts as a subprocess: a
 * {@code get_weather} tool (made-up weather) and a {@code delete_everything} tool the example denies. It exits when
 * its input is closed, as the MCP specification asks of stdio servers.
 */
public final class McpDemoServer {
  private McpDemoServer() {
  }

  /**
   * Serves until the client closes the server's input.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    PrintStream protocol = System.out;
    System.setOut(System.err); // only MCP messages may reach standard output
    InputStream in = new FilterInputStream(System.in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
          exitSoon();
        }
        return n;
      }
    };
    SyncToolSpecification weather = SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder().name("get_weather").description("Current weather for a city")
            .inputSchema(Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
                "required", List.of("city")))
            .build())
        .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
            .addTextContent("{\"city\":\"" + request.arguments().get("city") + "\",\"celsius\":18,\"sky\":\"sunny\"}")
            .build())
        .build();
    SyncToolSpecification dangerous = SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder().name("delete_everything").description("Deletes all files")
            .inputSchema(Map.of("type", "object", "properties", Map.of())).build())
        .callHandler((exchange, request) -> McpSchema.CallToolResult.builder().addTextContent("deleted")
            .build())
        .build();
    McpServer.sync(new StdioServerTransportProvider(new JacksonMcpJsonMapper(new ObjectMapper()), in, protocol))
        .serverInfo("demo-weather", "1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(weather, dangerous)
        .build();
  }

  private static void exitSoon() {
    Thread t = new Thread(() -> System.exit(0), "exit");
    t.setDaemon(true);
    t.start();
  }
}
