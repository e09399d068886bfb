package dev.ailib.examples;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.Message;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.testkit.fake.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The model calls a tool, we run it and send the result back, the model answers. */
public final class ToolCallRoundTrip {
  private ToolCallRoundTrip() {
  }

  /**
   * Runs the example.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    ToolDefinition weather = ToolDefinition.of("get_weather", "Current weather for a city",
        Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));
    try (ExampleTarget target = ExampleTarget.open(
            Reply.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
            Reply.text("It is 18 degrees and sunny in Paris."));
        AiClient client = target.clientBuilder().build()) {
      List<Message> conversation = new ArrayList<>(List.of(Message.user("What's the weather in Paris?")));
      ChatResponse first = client.chat().messages(conversation).tools(List.of(weather)).execute();
      System.out.println("model asked for: " + first.toolCalls());
      conversation.add(Message.assistantToolCalls(first.content(), first.toolCalls()));
      for (ToolCall call : first.toolCalls()) {
        String result = "{\"city\":\"" + call.arguments().get("city") + "\",\"celsius\":18,\"sky\":\"sunny\"}";
        conversation.add(Message.tool(call.id(), result));
      }
      ChatResponse answer = client.chat().messages(conversation).tools(List.of(weather)).execute();
      System.out.println("answer: " + answer.content());
    }
  }
}
