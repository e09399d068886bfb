package dev.ailib.mcp.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * A test MCP server over stdio, run as a child JVM by the tests: the {@link TestTools}; {@code crash} halts the JVM
 * with exit code 3. Exits when its input is closed, as the MCP specification asks of stdio servers.
 */
public final class StdioTestServer {
  private StdioTestServer() {
  }

  /**
   * Runs the server until its input ends.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    PrintStream protocolOut = System.out;
    System.setOut(System.err); // nothing but MCP messages may reach standard output
    InputStream in = new FilterInputStream(System.in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
          exitSoon();
        }
        return n;
      }

      @Override
      public int read() throws IOException {
        int c = super.read();
        if (c < 0) {
          exitSoon();
        }
        return c;
      }
    };
    McpServer.sync(new StdioServerTransportProvider(new JacksonMcpJsonMapper(new ObjectMapper()), in, protocolOut))
        .serverInfo("stdio-test", "1.0")
        .jsonSchemaValidator(TestTools.TRUSTING)
        .validateToolInputs(true)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(TestTools.all(() -> Runtime.getRuntime().halt(3)))
        .build();
  }

  private static void exitSoon() {
    Thread t = new Thread(() -> System.exit(0), "exit");
    t.setDaemon(true);
    t.start();
  }
}
