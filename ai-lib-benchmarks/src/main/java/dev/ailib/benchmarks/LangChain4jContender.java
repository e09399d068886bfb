package dev.ailib.benchmarks;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** langchain4j-open-ai (its default JDK HTTP client), base URL pointed at the loopback server. */
final class LangChain4jContender implements Contender {
  private final OpenAiStreamingChatModel streaming;
  private final OpenAiChatModel blocking;

  LangChain4jContender(String baseUrl) {
    this.streaming = OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey("sk-bench-not-a-secret")
        .modelName("gpt-4o").timeout(Duration.ofSeconds(60)).build();
    this.blocking = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("sk-bench-not-a-secret").modelName("gpt-4o")
        .timeout(Duration.ofSeconds(60)).maxRetries(0).build();
  }

  @Override
  public String name() {
    return "langchain4j";
  }

  @Override
  public void stream(Consumer<String> sink) throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streaming.chat(PROMPT, new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        sink.accept(partial);
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    done.get(120, TimeUnit.SECONDS);
  }

  @Override
  public String call() {
    return blocking.chat(PROMPT);
  }

  @Override
  public void close() {
    // the models hold no resources that need closing
  }
}
