package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Environment;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An API key with a character an HTTP header cannot carry (CR, LF, NUL, a zero-width space, an emoji, a space) is
 * refused when the client is built, with a message that names the character and never the key; white space around
 * a key (a trailing newline from a file) is dropped.
 */
class ApiKeyCharactersTest {
  private static final String KEY = "sk-CHARCHECK-0123456789abcdef0123456789";
  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private AiClientBuilder builder(String key) {
    return AiClient.builder().model("openai/gpt-4o").baseUrl(fake.baseUrl()).apiKey(key)
        .resilience(ResilientConfig.builder().maxRetries(0).build()).component(Environment.of(Map.of()));
  }

  @Test
  void aKeyWithACharacterAHeaderCannotCarryFailsTheBuildWithoutShowingTheKey() {
    String[][] cases = {{"\r\n", "U+000D"}, {"\n", "U+000A"}, {"\u0000", "U+0000"}, {"\u200b", "U+200B"},
        {"\ud83d\ude80", "U+1F680"}, {" ", "U+0020"}, {"\u00e9", "U+00E9"}};
    for (String[] c : cases) {
      String bad = KEY.substring(0, 20) + c[0] + KEY.substring(20);
      ProtocolException e = null;
      try (AiClient client = builder(bad).build()) {
        client.chat().user("hi").execute();
      } catch (ProtocolException thrown) {
        e = thrown;
      }
      assertThat(e).as("key with " + c[1]).isNotNull();
      assertThat(e.errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION);
      assertThat(e.getMessage()).contains(c[1]).contains("openai").contains("position 21");
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertThat(t.toString()).doesNotContain(KEY.substring(0, 20)).doesNotContain(KEY.substring(20));
      }
    }
    assertThat(fake.requestCount()).as("requests that reached the provider").isZero();
  }

  @Test
  void whiteSpaceAroundAKeyIsDropped() {
    fake.enqueue(Reply.text("hello"));
    try (AiClient client = builder("  " + KEY + "\r\n").build()) {
      assertThat(client.chat().user("hi").execute().content()).isEqualTo("hello");
    }
    assertThat(fake.takeRequest().header("Authorization")).isEqualTo("Bearer " + KEY);
  }
}
