package dev.ailib.modulepath;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamingEvent;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;

/**
 * Chats with a {@link FakeProvider} through the transport picked by priority (httpclient5, with both present),
 * then through each transport by name, once plain and once streamed; prints one line per call.
 */
public final class ModulePathChat {

  private ModulePathChat() {
  }

  /**
   * Runs the calls; exits non-zero on the first failure (the stack trace goes to standard error).
   *
   * @param args unused
   */
  public static void main(String[] args) {
    System.out.println("module: " + ModulePathChat.class.getModule().getName());
    System.out.println("modules: " + ModuleLayer.boot().modules().stream().map(Module::getName)
        .filter(n -> n.startsWith("dev.ailib") || n.startsWith("org.apache.httpcomponents") || n.equals("jdk.net"))
        .sorted().toList());
    try (FakeProvider fake = FakeProvider.builder().defaultReply(Reply.text("Hello from the module path")).start()) {
      chat(fake, null);
      chat(fake, "httpclient5");
      chat(fake, "jdk");
    }
  }

  private static void chat(FakeProvider fake, String transport) {
    AiClientBuilder b = AiClient.builder().model("openai/gpt-4o").baseUrl(fake.baseUrl()).apiKey("sk-module-path");
    if (transport != null) {
      b.transport(transport);
    }
    String label = transport == null ? "default" : transport;
    try (AiClient client = b.build()) {
      System.out.println(label + " chat: " + client.chat().user("Hi").execute().content());
      StringBuilder text = new StringBuilder();
      try (ChatStream s = client.chat().user("Hi").stream()) {
        for (StreamingEvent e : s) {
          if (e.isContentDelta()) {
            text.append(e.asContentDelta().text());
          }
        }
      }
      System.out.println(label + " stream: " + text);
    }
  }
}
