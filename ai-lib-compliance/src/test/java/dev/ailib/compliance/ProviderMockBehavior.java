package dev.ailib.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.ToolCall;
import dev.ailib.core.spi.Environment;
import dev.ailib.mcp.McpServerConfig;
import dev.ailib.mcp.McpToolSet;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.opentest4j.TestAbortedException;

/**
 * The provider-mock cases: a request built from the case's request body goes through the library to a mock server,
 * which records what arrived and answers the case's response body; the outcome is the request the server received and
 * the response as the library read it.
 *
 * <ul>
 *   <li>{@code mcp}: a {@code tools/call} through ai-lib-mcp's {@code McpToolSet} to an MCP server (the MCP Java
 *   SDK's, over streamable HTTP); the request is the call's {@code name} and {@code arguments} as the server received
 *   them, the response the tool result the set returns ({@code content} as its text block, {@code is_error}).</li>
 *   <li>{@code reasoning}: a chat call with the case's model, prompt and {@code max_tokens} through the public API to
 *   {@link FakeProvider} speaking the bundled DeepSeek manifest (a reasoning model's OpenAI-compatible wire, with
 *   {@code reasoning_content}); the request is the body's model, last user message and {@code max_tokens}, the
 *   response the answer's model, thinking ({@code reasoning}) and content ({@code final_answer}).</li>
 *   <li>{@code computer_use} and {@code video}: not applicable, the library has no such operation.</li>
 * </ul>
 */
final class ProviderMockBehavior {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ProviderMockBehavior() {
  }

  static Outcome run(ComplianceCase c) throws IOException {
    String operation = c.input().path("operation").asText();
    switch (operation) {
      case "mcp":
        return mcp(c);
      case "reasoning":
        return reasoning(c);
      default:
        throw new TestAbortedException("provider_mock_behavior '" + operation + "': not applicable, the library has "
            + "no " + operation + " operation (its capability guard, endpoint mapping and fallback decision are "
            + "covered by the capability_guard, advanced_endpoint_mapping and fallback_decision cases)");
    }
  }

  private static Outcome mcp(ComplianceCase c) throws IOException {
    JsonNode requestBody = c.input().path("request_body");
    JsonNode responseBody = c.input().path("response_body");
    String tool = requestBody.path("name").asText();
    McpSchema.CallToolResult.Builder answer = McpSchema.CallToolResult.builder()
        .isError(responseBody.path("is_error").asBoolean(false));
    for (JsonNode block : responseBody.path("content")) {
      if (!block.path("type").asText().equals("text")) {
        throw CaseHandlers.notYet("provider_mock_behavior mcp with a '" + block.path("type").asText()
            + "' content block");
      }
      answer.addTextContent(block.path("text").asText());
    }
    try (McpCaseServer server = McpCaseServer.start(tool, answer.build());
        McpToolSet set = McpToolSet.connect(McpServerConfig.http("case", server.endpoint()).build())) {
      ContentBlock.ToolResult result = set.call(new ToolCall("call_case_1", McpToolSet.PREFIX + "case__" + tool,
          requestBody.path("arguments").toString()), new CancelToken());
      List<McpSchema.CallToolRequest> calls = server.calls();
      if (calls.size() != 1) {
        throw new AssertionError("the MCP server received " + calls.size() + " tools/call requests, expected 1");
      }
      ObjectNode a = F.objectNode();
      ObjectNode request = a.putObject("request_assert");
      request.put("name", calls.get(0).name());
      request.set("arguments", CaseHandlers.JSON.valueToTree(calls.get(0).arguments()));
      ObjectNode response = a.putObject("response_assert");
      ArrayNode content = response.putArray("content");
      content.addObject().put("type", "text").put("text", result.content());
      response.put("is_error", result.isError());
      return new Outcome(a, "tool result: " + result);
    }
  }

  private static Outcome reasoning(ComplianceCase c) {
    JsonNode requestBody = c.input().path("request_body");
    JsonNode responseBody = c.input().path("response_body");
    try (FakeProvider fake = FakeProvider.start()) {
      fake.enqueue(Reply.of(Reply.thinkingPart(responseBody.path("reasoning").asText()),
          Reply.textPart(responseBody.path("final_answer").asText())).model(responseBody.path("model").asText()));
      ChatResponse r;
      try (AiClient client = AiClient.builder().model("deepseek/" + requestBody.path("model").asText())
          .allowUnlistedModels("deepseek").baseUrl(fake.baseUrl()).apiKey("sk-case")
          .component(Environment.of(Map.of())).build()) {
        var chat = client.chat().user(requestBody.path("prompt").asText());
        if (requestBody.has("max_tokens")) {
          chat.maxTokens(requestBody.path("max_tokens").asInt());
        }
        r = chat.execute();
      }
      RecordedRequest sent = fake.takeRequest();
      ObjectNode a = F.objectNode();
      ObjectNode request = a.putObject("request_assert");
      request.put("model", sent.model());
      JsonNode messages = CaseHandlers.JSON.valueToTree(sent.jsonAt("messages"));
      request.put("prompt", messages.path(messages.size() - 1).path("content").asText());
      Object maxTokens = sent.jsonAt("max_tokens");
      if (maxTokens instanceof Number n) {
        request.put("max_tokens", n.longValue());
      }
      ObjectNode response = a.putObject("response_assert");
      response.put("model", r.model());
      response.put("reasoning", r.thinking());
      response.put("final_answer", r.content());
      return new Outcome(a, "request body: " + sent.body());
    }
  }
}
