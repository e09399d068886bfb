package dev.ailib.it.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.core.spi.Environment;
import dev.ailib.it.wire.ScriptedTransport.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Server-sent events as a provider may send them, read in the pieces the network happens to deliver: CRLF line
 * ends whose CR and LF arrive in different reads, an event whose data spans several {@code data:} lines, a UTF-8
 * character cut between two reads. The text and the end must come out the same as from one clean read.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SseFramingTest {
  private final ScriptedTransport transport = new ScriptedTransport();

  private List<String> read() {
    List<String> out = new ArrayList<>();
    try (AiClient client = AiClient.builder().model("openai/gpt-4o").apiKey("sk-wire-test-0002").transport(transport)
        .resilience(ResilientConfig.builder().maxRetries(0).build()).component(Environment.of(Map.of())).build();
        ChatStream stream = client.chat().user("Hi").stream()) {
      for (StreamingEvent e : stream) {
        if (e instanceof StreamingEvent.ContentDelta d) {
          out.add("text " + d.text());
        } else if (e instanceof StreamingEvent.StreamEnd end) {
          out.add("end " + end.finishReason().wireName());
        } else if (e instanceof StreamingEvent.StreamError err) {
          out.add("error " + err.error().getMessage());
        }
      }
    }
    return out;
  }

  @Test
  void aCrlfSplitBetweenTwoReadsInsideAMultiLineEventIsOneLineEnd() {
    transport.enqueue(Response.sse(
        // one event, its JSON on two data: lines; the first line's CR ends read 1, its LF starts read 2
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\r",
        "\ndata: \"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\r\n\r",
        // the blank line that ends the event: its CR in read 2, its LF in read 3
        "\ndata: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\r\n\r\n",
        "data: [DONE]\r\n\r\n"));
    assertThat(read()).containsExactly("text Hel", "text lo", "end end_turn");
  }

  @Test
  void bareCarriageReturnsEndLinesToo() {
    transport.enqueue(Response.sse(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null}]}\r\r",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"},\"finish_reason\":\"stop\"}]}\r",
        "\r",
        "data: [DONE]\r\r"));
    assertThat(read()).containsExactly("text a", "text b", "end end_turn");
  }

  @Test
  void aUtf8CharacterCutBetweenTwoReadsIsWhole() {
    String body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"caf\u00e9 \u2615\"},"
        + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
    int e = body.getBytes(StandardCharsets.UTF_8).length;
    int cut = new String(body.substring(0, body.indexOf('\u00e9'))).getBytes(StandardCharsets.UTF_8).length + 1;
    assertThat(cut).isLessThan(e);
    transport.enqueue(Response.sseSplitAt(body, cut));
    assertThat(read()).containsExactly("text caf\u00e9 \u2615", "end end_turn");
  }
}
