package dev.ailib.mcp.server;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The tools of the test MCP servers (the same in the in-process HTTP server and the stdio child JVM), built with the
 * MCP Java SDK's server API.
 */
public final class TestTools {
  /** Counted down each time {@code slow} starts, for tests that act during a call. */
  public static volatile CountDownLatch slowStarted = new CountDownLatch(1);

  /** The output schema of {@code add}. */
  static final Map<String, Object> ADD_OUTPUT = Map.of("type", "object", "properties",
      Map.of("sum", Map.of("type", "number")), "required", List.of("sum"));

  /**
   * The test servers' schema validator: checks tool inputs (the SDK's validator) but trusts the output of
   * {@code add}, as a careless server would, so that the client's own check of structured content is what the tests
   * see.
   */
  public static final JsonSchemaValidator TRUSTING = new JsonSchemaValidator() {
    private final JsonSchemaValidator real = new DefaultJsonSchemaValidator();

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object content) {
      if (!ADD_OUTPUT.equals(schema)) {
        return real.validate(schema, content);
      }
      try {
        return ValidationResponse.asValid(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(content));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  private TestTools() {
  }

  /**
   * The tools.
   *
   * @param crash what {@code crash} does (halt the JVM, stop the HTTP server)
   * @return the specifications
   */
  public static List<SyncToolSpecification> all(Runnable crash) {
    return List.of(
        tool("echo", "Repeats the text", Map.of("type", "object", "properties",
            Map.of("text", Map.of("type", "string")), "required", List.of("text")), null,
            args -> text("echo: " + args.get("text"))),
        tool("add", "Adds two numbers", Map.of("type", "object", "properties",
            Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number"), "cheat", Map.of("type", "boolean")),
            "required", List.of("a", "b")),
            ADD_OUTPUT,
            args -> {
              double sum = ((Number) args.get("a")).doubleValue() + ((Number) args.get("b")).doubleValue();
              Object structured = Boolean.TRUE.equals(args.get("cheat")) ? Map.of("sum", "many")
                  : Map.of("sum", sum);
              return McpSchema.CallToolResult.builder().structuredContent(structured).build();
            }),
        tool("fail", "Always fails", Map.of("type", "object", "properties", Map.of()), null,
            args -> McpSchema.CallToolResult.builder().addTextContent("the disk is full").isError(true).build()),
        tool("boom", "Throws", Map.of("type", "object", "properties", Map.of()), null, args -> {
          throw new IllegalStateException("kaboom");
        }),
        tool("slow", "Waits", Map.of("type", "object", "properties", Map.of("millis", Map.of("type", "integer"))), null,
            args -> {
              slowStarted.countDown();
              long millis = ((Number) args.getOrDefault("millis", 10_000)).longValue();
              try {
                new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return text("slept " + millis + " ms");
            }),
        tool("crash", "Makes the server die during the call", Map.of("type", "object", "properties", Map.of()), null,
            args -> {
              crash.run();
              try {
                new CountDownLatch(1).await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return text("still alive");
            }),
        toolWithExchange("crash_streaming", "Starts answering, then makes the server die", args -> {
          crash.run();
          try {
            new CountDownLatch(1).await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return text("still alive");
        }),
        tool("secret", "Must never be offered", Map.of("type", "object", "properties", Map.of()), null,
            args -> text("classified")));
  }

  private static SyncToolSpecification tool(String name, String description, Map<String, Object> input,
      Map<String, Object> output, java.util.function.Function<Map<String, Object>, McpSchema.CallToolResult> body) {
    McpSchema.Tool.Builder t = McpSchema.Tool.builder().name(name).description(description).inputSchema(input);
    if (output != null) {
      t.outputSchema(output);
    }
    return SyncToolSpecification.builder().tool(t.build())
        .callHandler((exchange, request) -> body.apply(request.arguments() == null ? Map.of() : request.arguments()))
        .build();
  }

  /**
   * A tool that answers its own name.
   *
   * @param name the name
   * @return the specification
   */
  public static SyncToolSpecification named(String name) {
    return tool(name, "Answers its name", Map.of("type", "object", "properties", Map.of()), null, args -> text(name));
  }

  /** A tool that first pings the client through the call's response stream, so the stream has started. */
  private static SyncToolSpecification toolWithExchange(String name, String description,
      java.util.function.Function<Map<String, Object>, McpSchema.CallToolResult> body) {
    McpSchema.Tool t = McpSchema.Tool.builder().name(name).description(description)
        .inputSchema(Map.of("type", "object", "properties", Map.of())).build();
    return SyncToolSpecification.builder().tool(t).callHandler((exchange, request) -> {
      exchange.ping();
      return body.apply(Map.of());
    }).build();
  }

  private static McpSchema.CallToolResult text(String s) {
    return McpSchema.CallToolResult.builder().addTextContent(s).build();
  }
}
