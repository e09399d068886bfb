package dev.ailib.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Provider streams generated deterministically by code, with the real wire shape: an OpenAI chat completion
 * stream (role chunk, content chunks, finish chunk, usage chunk, {@code [DONE]}; {@code stream_options.include_usage}
 * shape, so every chunk carries {@code "usage":null}), an Anthropic Messages event stream ({@code event:} lines,
 * {@code ping}, {@code message_delta} with usage), and a non-streaming OpenAI reply. The same seed always yields
 * the same bytes, and {@link #text()} is the text every client must reassemble.
 */
public final class RecordedStreams {
  /** Content chunks in the standard recorded stream. */
  public static final int DEFAULT_CHUNKS = 20_000;

  /**
   * Tokens the text is drawn from: ASCII words, characters that JSON must escape, and multi-byte UTF-8
   * (2-, 3- and 4-byte) so decoders meet every case.
   */
  private static final String[] TOKENS = {
      " the", " stream", " of", " tokens", " is", " a", " benchmark", ",", ".", " and", " Java", " client",
      " latency", " through", "put", " café", " naïve", " 数据", " 流", " 🚀", "\n", "\n\n", " \"quoted\"",
      " back\\slash", "\ttab", " {json}", " <tag>", " 42", " 3.14", " ok"};

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "chatcmpl-BenchA1b2C3d4E5f6G7h8I9j0KlMn";
  private static final String PREFIX = "{\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":1732406400,"
      + "\"model\":\"gpt-4o-2024-08-06\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_50cad350e4\","
      + "\"choices\":[";

  private final int chunks;
  private final String[] pieces;
  private final String text;

  private RecordedStreams(int chunks, long seed) {
    this.chunks = chunks;
    this.pieces = new String[chunks];
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder all = new StringBuilder(chunks * 6);
    for (int i = 0; i < chunks; i++) {
      String token = TOKENS[random.nextInt(TOKENS.length)];
      pieces[i] = token;
      all.append(token);
    }
    this.text = all.toString();
  }

  /**
   * The streams for a number of content chunks.
   *
   * @param chunks content chunks, at least 1
   * @return the streams (seed 42)
   */
  public static RecordedStreams of(int chunks) {
    if (chunks < 1) {
      throw new IllegalArgumentException("chunks must be at least 1, was " + chunks);
    }
    return new RecordedStreams(chunks, 42L);
  }

  /** The number of content chunks (each carries one piece of text). */
  public int chunks() {
    return chunks;
  }

  /** The whole text of the answer, the concatenation of every content chunk. */
  public String text() {
    return text;
  }

  /** The prompt-token count reported in the usage chunk. */
  public static int promptTokens() {
    return 19;
  }

  /** The OpenAI chat completion stream as the bytes of an SSE body. */
  public byte[] openAiSse() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(chunks * 260);
    sse(out, null, PREFIX + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
        + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
    for (String piece : pieces) {
      sse(out, null, PREFIX + "{\"index\":0,\"delta\":{\"content\":" + quote(piece)
          + "},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
    }
    sse(out, null, PREFIX + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}");
    sse(out, null, PREFIX + "],\"usage\":{\"prompt_tokens\":" + promptTokens() + ",\"completion_tokens\":" + chunks
        + ",\"total_tokens\":" + (promptTokens() + chunks) + ",\"prompt_tokens_details\":{\"cached_tokens\":0,"
        + "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
        + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}");
    sse(out, null, "[DONE]");
    return out.toByteArray();
  }

  /** The Anthropic Messages event stream as the bytes of an SSE body. */
  public byte[] anthropicSse() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(chunks * 140);
    sse(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01BenchXyZ7a8b9c0d1e2f3g4\","
        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-3-5-sonnet-20241022\",\"content\":[],"
        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + promptTokens()
        + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}");
    sse(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
        + "\"text\":\"\"}}");
    sse(out, "ping", "{\"type\": \"ping\"}");
    for (String piece : pieces) {
      sse(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
          + "\"text\":" + quote(piece) + "}}");
    }
    sse(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
    sse(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
        + "\"usage\":{\"output_tokens\":" + chunks + "}}");
    sse(out, "message_stop", "{\"type\":\"message_stop\"}");
    return out.toByteArray();
  }

  /** A non-streaming OpenAI chat completion whose content is {@link #text()}. */
  public byte[] openAiJson() {
    String body = "{\"id\":\"" + ID + "\",\"object\":\"chat.completion\",\"created\":1732406400,"
        + "\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
        + quote(text) + ",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":" + promptTokens() + ",\"completion_tokens\":" + chunks + ",\"total_tokens\":"
        + (promptTokens() + chunks) + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
        + "\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\",\"system_fingerprint\":\"fp_50cad350e4\"}";
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static void sse(ByteArrayOutputStream out, String event, String data) {
    if (event != null) {
      out.writeBytes(("event: " + event + "\n").getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a string as JSON", e);
    }
  }
}
