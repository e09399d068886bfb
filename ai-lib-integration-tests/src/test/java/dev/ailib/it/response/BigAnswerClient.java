package dev.ailib.it.response;

import dev.ailib.api.AiClient;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.core.spi.Environment;
import java.util.Map;

/**
 * The client side of {@link BoundedMemoryTest}, run in its own JVM with a small heap: makes one non-streaming call
 * per argument ({@code provider/model@baseUrl}) and prints one line per call: {@code OK <content>},
 * {@code FAILED <class> <code> <message>}, or {@code THROWABLE <class>} (then exits 3) for anything that is not a
 * classified failure, such as an {@link OutOfMemoryError}.
 */
public final class BigAnswerClient {
  private BigAnswerClient() {
  }

  /**
   * Runs the calls.
   *
   * @param args {@code provider/model@baseUrl} per call
   */
  public static void main(String[] args) {
    for (String a : args) {
      int at = a.indexOf('@');
      try (AiClient client = AiClient.builder().model(a.substring(0, at)).baseUrl(a.substring(at + 1))
          .apiKey("sk-bounded-memory-test").resilience(ResilientConfig.builder().maxRetries(0).build())
          .component(Environment.of(Map.of())).build()) {
        String content = client.chat().user("hi").execute().content();
        System.out.println("OK " + content);
      } catch (AiLibException e) {
        String m = e.getMessage();
        System.out.println("FAILED " + e.getClass().getSimpleName() + " " + e.errorType().code() + " "
            + (m.length() > 300 ? m.substring(0, 300) : m));
      } catch (Throwable t) {
        System.out.println("THROWABLE " + t.getClass().getName());
        System.out.flush();
        Runtime.getRuntime().halt(3);
      }
      System.out.flush();
    }
  }
}
