package dev.ailib.mcp.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * A test MCP server over streamable HTTP, in this JVM: the SDK's servlet transport on an embedded Tomcat bound to
 * 127.0.0.1 on a free port, serving the {@link TestTools}; {@code crash} stops the server during the call. Records
 * every request body and header of interest, so tests can see what reached the server.
 */
public final class HttpTestServer implements AutoCloseable {
  /** Tomcat's own logging (java.util.logging) shows errors only: its leak warnings on a stop mid-call are expected. */
  private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

  static {
    TOMCAT_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  private final Tomcat tomcat;
  private final McpSyncServer server;
  private final Path baseDir;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<String> methods = new CopyOnWriteArrayList<>();
  private final URI endpoint;

  private HttpTestServer() throws IOException, LifecycleException {
    baseDir = Files.createTempDirectory("mcp-tomcat");
    HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper())).mcpEndpoint("/mcp").build();
    server = McpServer.sync(transport)
        .serverInfo("http-test", "1.0")
        .jsonSchemaValidator(TestTools.TRUSTING)
        .validateToolInputs(true)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(TestTools.all(this::stopInBackground))
        .build();
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("bindOnInit", "false"); // stop() closes the port: a stopped server refuses connections
    connector.setProperty("executorTerminationTimeoutMillis", "0"); // stop() does not wait for calls in flight
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", baseDir.toString());
    ((org.apache.catalina.core.StandardContext) context).setUnloadDelay(50); // stopping does not wait for calls in flight: it is how the tests crash the server
    Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
    context.addServletMappingDecoded("/*", "mcp");
    FilterDef recording = new FilterDef();
    recording.setFilterName("recording");
    recording.setFilter(new Recording());
    recording.setAsyncSupported("true");
    context.addFilterDef(recording);
    FilterMap map = new FilterMap();
    map.setFilterName("recording");
    map.addURLPattern("/*");
    context.addFilterMap(map);
    tomcat.start();
    endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/mcp");
  }

  /** Starts a server. */
  public static HttpTestServer start() {
    try {
      return new HttpTestServer();
    } catch (IOException | LifecycleException e) {
      throw new IllegalStateException("cannot start the test MCP server", e);
    }
  }

  /** The MCP endpoint. */
  public URI endpoint() {
    return endpoint;
  }

  /** Every JSON-RPC body the server received, in order. */
  public List<String> bodies() {
    return List.copyOf(bodies);
  }

  /** The Authorization header of every request (null when absent). */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /** The HTTP method of every request, in order. */
  public List<String> methods() {
    return List.copyOf(methods);
  }

  /** Adds a tool while clients are connected (the server tells them the list changed). */
  public void addTool(McpServerFeatures.SyncToolSpecification tool) {
    server.addTool(tool);
  }

  /** Removes a tool while clients are connected (the server tells them the list changed). */
  public void removeTool(String name) {
    server.removeTool(name);
  }

  private void stopInBackground() {
    Thread t = new Thread(this::stopNow, "test-server-stop");
    t.setDaemon(true);
    t.start();
  }

  /** Stops accepting and drops every connection, as a crashed server would. */
  public void stopNow() {
    try {
      tomcat.stop();
    } catch (LifecycleException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records request bodies and the Authorization header, then passes the request on with its body intact. */
  private final class Recording implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest http = (HttpServletRequest) req;
      authorizations.add(http.getHeader("Authorization"));
      methods.add(http.getMethod());
      if (!"POST".equals(http.getMethod())) {
        chain.doFilter(req, res);
        return;
      }
      byte[] body = http.getInputStream().readAllBytes();
      bodies.add(new String(body, StandardCharsets.UTF_8));
      chain.doFilter(new HttpServletRequestWrapper(http) {
        @Override
        public ServletInputStream getInputStream() {
          ByteArrayInputStream in = new ByteArrayInputStream(body);
          return new ServletInputStream() {
            @Override
            public boolean isFinished() {
              return in.available() == 0;
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
              throw new UnsupportedOperationException();
            }

            @Override
            public int read() {
              return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
              return in.read(b, off, len);
            }
          };
        }

        @Override
        public java.io.BufferedReader getReader() {
          return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
      }, res);
    }
  }
}
