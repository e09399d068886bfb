package dev.ailib.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.function.Consumer;

/** The official OpenAI Java SDK (OkHttp client), base URL pointed at the loopback server. */
final class OpenAiJavaContender implements Contender {
  private final OpenAIClient client;
  private final ChatCompletionCreateParams params;

  OpenAiJavaContender(String baseUrl) {
    this.client = OpenAIOkHttpClient.builder().apiKey("sk-bench-not-a-secret").baseUrl(baseUrl).maxRetries(0).build();
    this.params = ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O).addUserMessage(PROMPT).build();
  }

  @Override
  public String name() {
    return "openai-java";
  }

  @Override
  public void stream(Consumer<String> sink) {
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(params)) {
      s.stream().forEach(chunk -> {
        if (!chunk.choices().isEmpty()) {
          chunk.choices().get(0).delta().content().ifPresent(sink);
        }
      });
    }
  }

  @Override
  public String call() {
    return client.chat().completions().create(params).choices().get(0).message().content().orElse("");
  }

  @Override
  public void close() {
    client.close();
  }
}
