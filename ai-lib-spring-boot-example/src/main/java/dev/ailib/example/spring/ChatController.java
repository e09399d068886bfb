package dev.ailib.example.spring;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResult;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /chat} with the question as the body; answers with the model's reply and the call's figures. */
@RestController
public class ChatController {
  private final AiClient client;

  /**
   * Uses the application's client.
   *
   * @param client the auto-configured {@code AiClient}
   */
  public ChatController(AiClient client) {
    this.client = client;
  }

  /**
   * One question, one answer.
   *
   * @param question the user's message
   * @return the answer
   */
  @PostMapping("/chat")
  public Answer chat(@RequestBody String question) {
    ChatResult r = client.chat().system("Be brief.").user(question).executeWithStats();
    return new Answer(r.response().content(), r.stats().provider() + "/" + r.stats().model(),
        r.response().finishReason().wireName(), r.stats().latencyMs());
  }

  /**
   * The answer, as JSON.
   *
   * @param content the model's text
   * @param model the model that answered
   * @param finishReason why it stopped
   * @param latencyMs the call's latency
   */
  public record Answer(String content, String model, String finishReason, long latencyMs) {
  }
}
