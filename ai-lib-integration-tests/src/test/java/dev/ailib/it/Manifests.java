package dev.ailib.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Manifests of a made-up provider {@code acme} (OpenAI-style chat completions) written for one test: each test
 * changes the one section it is about, so what it checks does not depend on the bundled manifests.
 */
public final class Manifests {
  public static final String MODEL = "acme/acme-1";

  /**
   * The sections every acme manifest has; {@code %s} placeholders: auth, the streaming section and the error
   * classification (each indented by two), then any top-level sections.
   */
  private static final String TEMPLATE = """
      id: acme
      protocol_version: "2.0"
      name: Acme
      endpoint:
        base_url: "https://api.acme.test/v1"
        chat: /chat/completions
        auth: %s
      endpoints:
        chat: {path: /chat/completions, method: POST, adapter: openai}
      capabilities:
        required: [text, streaming]
        optional: [tools, parallel_tools]
      parameters:
        temperature: {type: float, range: [0, 2]}
        stream: {type: boolean}
        max_tokens: {type: integer, min: 1}
      streaming:
      %s
      error_classification:
      %s
      termination:
        source_field: finish_reason
        mapping: {stop: end_turn, length: max_tokens, tool_calls: tool_use}
      %s
      metadata:
        models:
          acme-1: {context_window: 8000, max_output_tokens: 1000}
      """;

  /** OpenAI's streaming rules. */
  public static final String OPENAI_STREAMING = """
        decoder: {format: sse, strategy: openai_chat, prefix: "data: ", done_signal: "[DONE]"}
        event_map:
          - match: "exists($.choices[0].delta.content) && $.choices[0].delta.content != null"
            emit: PartialContentDelta
            extract: {content: "$.choices[0].delta.content"}
          - match: "exists($.choices[0].delta.tool_calls)"
            emit: PartialToolCall
            extract: {tool_calls: "$.choices[0].delta.tool_calls"}
          - match: "exists($.choices[0].finish_reason) && $.choices[0].finish_reason != null"
            emit: FinalCandidate
            extract: {finish_reason: "$.choices[0].finish_reason"}
        accumulator:
          stateful_tool_parsing: true
      """;

  /** No error mapping of the manifest's own: the standard mapping decides. */
  public static final String NO_ERROR_MAPPING = """
        by_http_status: {}
      """;

  private Manifests() {
  }

  /** An acme manifest with a bearer key and the given sections. */
  public static Path write(Path dir, String streaming, String errors, String extra) {
    return write(dir, "{type: bearer, token_env: [ACME_API_KEY]}", streaming, errors, extra);
  }

  /** An acme manifest with the given auth and sections. */
  public static Path write(Path dir, String auth, String streaming, String errors, String extra) {
    try {
      Files.writeString(dir.resolve("acme.yaml"), TEMPLATE.formatted(auth, streaming.stripTrailing(),
          errors.stripTrailing(), extra));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
