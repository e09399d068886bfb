package dev.ailib.examples;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.Message;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.testkit.fake.Reply;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model calls a tool, we run it and send the result back, the model answers. The same program works for every
 * wire style: {@code openai/gpt-4o-mini} (chat completions) and {@code openai/gpt-5-pro} (Responses API) differ only
 * in the model argument.
 */
public final class ToolCallRoundTrip {
  private ToolCallRoundTrip() {
  }

  /** The fake provider's answers: a tool call, then the answer. */
  static Reply[] replies() {
    return new Reply[] {Reply.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        Reply.text("It is 18 degrees and sunny in Paris.")};
  }

  /**
   * Runs the example.
   *
   * @param args optional: the model, such as openai/gpt-5-pro (see ExampleTarget)
   */
  public static void main(String[] args) {
    try (ExampleTarget target = ExampleTarget.open(args, replies())) {
      run(target, System.out);
    }
  }

  /**
   * The conversation, printed to {@code out}.
   *
   * @param target where calls go
   * @param out where the example prints
   */
  static void run(ExampleTarget target, PrintStream out) {
    ToolDefinition weather = ToolDefinition.of("get_weather", "Current weather for a city",
        Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));
    try (AiClient client = target.clientBuilder().build()) {
      List<Message> conversation = new ArrayList<>(List.of(Message.user("What's the weather in Paris?")));
      ChatResponse first = client.chat().messages(conversation).tools(List.of(weather)).execute();
      out.println("model asked for: " + first.toolCalls() + " (" + first.finishReason().wireName() + ")");
      conversation.add(Message.assistantToolCalls(first.content(), first.toolCalls()));
      for (ToolCall call : first.toolCalls()) {
        String result = "{\"city\":\"" + call.arguments().get("city") + "\",\"celsius\":18,\"sky\":\"sunny\"}";
        conversation.add(Message.tool(call.id(), result));
      }
      ChatResponse answer = client.chat().messages(conversation).tools(List.of(weather)).execute();
      out.println("answer: " + answer.content() + " (" + answer.finishReason().wireName() + ")");
    }
  }
}
