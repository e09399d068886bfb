package dev.ailib.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The physical baseline every client is compared with: read the body line by line, parse each {@code data:}
 * payload with Jackson's {@code readTree} and take the text delta. No event objects, no manifest, no state:
 * the least any JSON-over-SSE client must do.
 */
public final class RawBaseline {
  private final ObjectMapper json = new ObjectMapper();

  /**
   * Reads an OpenAI chat completion stream and hands each {@code choices[0].delta.content} to the sink.
   *
   * @param body the SSE body
   * @param sink receives the text pieces
   * @return the number of text pieces
   * @throws IOException when the body cannot be read or a payload is not JSON
   */
  public int openAi(InputStream body, Consumer<String> sink) throws IOException {
    int pieces = 0;
    BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 16_384);
    String line;
    while ((line = reader.readLine()) != null) {
      if (!line.startsWith("data:")) {
        continue;
      }
      String data = line.substring(line.startsWith("data: ") ? 6 : 5);
      if (data.equals("[DONE]")) {
        break;
      }
      JsonNode content = json.readTree(data).path("choices").path(0).path("delta").path("content");
      if (content.isTextual()) {
        sink.accept(content.textValue());
        pieces++;
      }
    }
    return pieces;
  }

  /**
   * Reads an Anthropic Messages stream and hands each {@code text_delta} to the sink.
   *
   * @param body the SSE body
   * @param sink receives the text pieces
   * @return the number of text pieces
   * @throws IOException when the body cannot be read or a payload is not JSON
   */
  public int anthropic(InputStream body, Consumer<String> sink) throws IOException {
    int pieces = 0;
    BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 16_384);
    String line;
    while ((line = reader.readLine()) != null) {
      if (!line.startsWith("data:")) {
        continue;
      }
      JsonNode frame = json.readTree(line.substring(line.startsWith("data: ") ? 6 : 5));
      String type = frame.path("type").asText();
      if (type.equals("content_block_delta")) {
        JsonNode text = frame.path("delta").path("text");
        if (text.isTextual()) {
          sink.accept(text.textValue());
          pieces++;
        }
      } else if (type.equals("message_stop")) {
        break;
      }
    }
    return pieces;
  }

  /**
   * Reads a non-streaming OpenAI reply and returns {@code choices[0].message.content}.
   *
   * @param body the JSON body
   * @return the text
   * @throws IOException when the body is not JSON
   */
  public String openAiReply(byte[] body) throws IOException {
    return json.readTree(body).path("choices").path(0).path("message").path("content").asText();
  }
}
