package dev.ailib.testkit.fake;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One scripted answer of a {@link FakeProvider}: what the model "says" (text, thinking, tool calls, usage,
 * finish reason) or which error it returns, plus the faults to inject while sending it. A reply is an
 * immutable value independent of wire format; the server renders it in the format of the request that
 * consumes it (OpenAI chat completions, Anthropic messages, or Gemini generateContent, JSON or streamed).
 *
 * <pre>{@code
 * Reply.text("Hello")                                   // text; streamed word by word when asked to stream
 * Reply.streamedText("Hel", "lo", " world")            // text with explicit stream chunks
 * Reply.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")
 * Reply.of(Reply.thinkingPart("Let me see"), Reply.textPart("42")).usage(Reply.Usage.of(12, 7).withReasoningTokens(3))
 * Reply.error(429).retryAfterSeconds(2)                // provider-style 429 body plus Retry-After: 2
 * Reply.text("slow").dripDelay(Duration.ofMillis(50)).stallAfterEvents(3)
 * }</pre>
 *
 * <p>Every modifier returns a new reply; a reply can be enqueued any number of times.
 */
public final class Reply {

  /** What kind of answer a reply is. */
  public enum Kind {
    /** A successful completion (HTTP 200). */
    COMPLETION,
    /** An HTTP error with a provider-style body. */
    ERROR,
    /** No response at all: the server reads the request and closes the connection. */
    DROP_CONNECTION,
    /**
     * The answer of a token-counting endpoint (Anthropic's {@code /messages/count_tokens}, Gemini's
     * {@code :countTokens}) with {@link Reply#tokenCount()} tokens.
     */
    TOKEN_COUNT
  }

  /**
   * Why the model stopped, in the library's vocabulary; each wire format renders its own spelling
   * (for example {@link #TOOL_USE} is {@code tool_calls} for OpenAI, {@code tool_use} for Anthropic and
   * {@code STOP} for Gemini). Use {@link Reply#rawFinishReason(String)} to send any other raw value.
   */
  public enum FinishReason {
    /**
     * Natural end: OpenAI {@code stop}, Responses status {@code completed}, Anthropic {@code end_turn}, Gemini
     * {@code STOP}, Cohere {@code COMPLETE}.
     */
    END_TURN("stop", "completed", "end_turn", "STOP", "COMPLETE"),
    /**
     * Token limit: OpenAI {@code length}, Responses {@code incomplete} for {@code max_output_tokens}, Anthropic
     * {@code max_tokens}, Gemini and Cohere {@code MAX_TOKENS}.
     */
    MAX_TOKENS("length", "max_output_tokens", "max_tokens", "MAX_TOKENS", "MAX_TOKENS"),
    /**
     * Stop sequence hit: OpenAI {@code stop}, Responses {@code completed}, Anthropic {@code stop_sequence}, Gemini
     * {@code STOP}, Cohere {@code STOP_SEQUENCE}.
     */
    STOP_SEQUENCE("stop", "completed", "stop_sequence", "STOP", "STOP_SEQUENCE"),
    /**
     * Tool calls requested: OpenAI {@code tool_calls}, Responses {@code completed}, Anthropic {@code tool_use},
     * Gemini {@code STOP}, Cohere {@code TOOL_CALL}.
     */
    TOOL_USE("tool_calls", "completed", "tool_use", "STOP", "TOOL_CALL"),
    /**
     * Content refused: OpenAI {@code content_filter}, Responses {@code incomplete} for {@code content_filter},
     * Anthropic {@code refusal}, Gemini {@code SAFETY}; Cohere has no such reason and sends {@code ERROR}.
     */
    REFUSAL("content_filter", "content_filter", "refusal", "SAFETY", "ERROR");

    private final String openAi;
    private final String responses;
    private final String anthropic;
    private final String gemini;
    private final String cohere;

    FinishReason(String openAi, String responses, String anthropic, String gemini, String cohere) {
      this.openAi = openAi;
      this.responses = responses;
      this.anthropic = anthropic;
      this.gemini = gemini;
      this.cohere = cohere;
    }

    /** The raw value this reason has in the given wire format. */
    public String wireValue(WireFormat format) {
      return switch (format) {
        case OPENAI_CHAT -> openAi;
        case OPENAI_RESPONSES -> responses;
        case ANTHROPIC_MESSAGES -> anthropic;
        case GEMINI -> gemini;
        case COHERE_V2 -> cohere;
      };
    }
  }

  /**
   * Token usage reported by a reply. {@code outputTokens} includes {@code reasoningTokens} (as OpenAI
   * counts them); {@code cachedTokens} are prompt tokens read from cache and {@code cacheWriteTokens}
   * prompt tokens written to it (Anthropic's {@code cache_creation_input_tokens}).
   *
   * @param inputTokens prompt tokens
   * @param outputTokens completion tokens, reasoning included
   * @param reasoningTokens reasoning ("thinking") tokens
   * @param cachedTokens prompt tokens served from cache
   * @param cacheWriteTokens prompt tokens written to cache
   */
  public record Usage(int inputTokens, int outputTokens, int reasoningTokens, int cachedTokens,
      int cacheWriteTokens, int cacheWrite1hTokens) {

    /** Checks that no count is negative. */
    public Usage {
      requireNonNegative("inputTokens", inputTokens);
      requireNonNegative("outputTokens", outputTokens);
      requireNonNegative("reasoningTokens", reasoningTokens);
      requireNonNegative("cachedTokens", cachedTokens);
      requireNonNegative("cacheWriteTokens", cacheWriteTokens);
      requireNonNegative("cacheWrite1hTokens", cacheWrite1hTokens);
      if (cacheWrite1hTokens > cacheWriteTokens) {
        throw new IllegalArgumentException("cacheWrite1hTokens " + cacheWrite1hTokens + " are part of "
            + "cacheWriteTokens " + cacheWriteTokens + " and cannot exceed them");
      }
    }

    /**
     * Usage without one-hour cache writes.
     *
     * @param inputTokens prompt tokens
     * @param outputTokens completion tokens, reasoning included
     * @param reasoningTokens reasoning tokens
     * @param cachedTokens prompt tokens served from cache
     * @param cacheWriteTokens prompt tokens written to cache
     */
    public Usage(int inputTokens, int outputTokens, int reasoningTokens, int cachedTokens, int cacheWriteTokens) {
      this(inputTokens, outputTokens, reasoningTokens, cachedTokens, cacheWriteTokens, 0);
    }

    /** Usage with only input and output tokens. */
    public static Usage of(int inputTokens, int outputTokens) {
      return new Usage(inputTokens, outputTokens, 0, 0, 0);
    }

    /** A copy with the given reasoning token count. */
    public Usage withReasoningTokens(int tokens) {
      return new Usage(inputTokens, outputTokens, tokens, cachedTokens, cacheWriteTokens, cacheWrite1hTokens);
    }

    /** A copy with the given cached (cache read) prompt token count. */
    public Usage withCachedTokens(int tokens) {
      return new Usage(inputTokens, outputTokens, reasoningTokens, tokens, cacheWriteTokens, cacheWrite1hTokens);
    }

    /** A copy with the given cache write prompt token count. */
    public Usage withCacheWriteTokens(int tokens) {
      return new Usage(inputTokens, outputTokens, reasoningTokens, cachedTokens, tokens, cacheWrite1hTokens);
    }

    /**
     * A copy with the given cache writes with a one-hour lifetime (part of the cache writes; Anthropic then renders
     * the split {@code cache_creation: {ephemeral_5m_input_tokens, ephemeral_1h_input_tokens}}).
     */
    public Usage withCacheWrite1hTokens(int tokens) {
      return new Usage(inputTokens, outputTokens, reasoningTokens, cachedTokens, cacheWriteTokens, tokens);
    }

    /** Input plus output tokens. */
    public int totalTokens() {
      return inputTokens + outputTokens;
    }
  }

  /** One piece of a completion: text, thinking, a tool call, or a structured answer. */
  public sealed interface Part permits Text, Thinking, ToolCall, StructuredAnswer {}

  /**
   * A structured answer (the JSON a typed request asks for), rendered the way the request asked for it: when the
   * request forces a tool call (a typed answer in tool-call mode: OpenAI {@code tool_choice.function.name},
   * Anthropic {@code tool_choice} of type {@code tool}, Gemini {@code functionCallingConfig} mode {@code ANY} with
   * one allowed function), as a call of that tool whose arguments are the JSON; otherwise as the message text
   * (native schema output, JSON mode, prompted JSON). The text is sent verbatim, so invalid, truncated or
   * wrongly typed JSON can be scripted on purpose.
   *
   * @param json the answer's JSON text
   * @param chunks how it is streamed; the chunks join to {@code json}
   */
  public record StructuredAnswer(String json, List<String> chunks) implements Part {
    /** Checks the chunks join to the text. */
    public StructuredAnswer {
      Objects.requireNonNull(json, "json");
      chunks = checkChunks("structured answer", json, chunks);
    }
  }

  /**
   * Text content.
   *
   * @param text the full text
   * @param chunks how it is streamed: one stream delta per chunk; the chunks join to {@code text}
   */
  public record Text(String text, List<String> chunks) implements Part {
    /** Checks the chunks join to the text. */
    public Text {
      Objects.requireNonNull(text, "text");
      chunks = checkChunks("text", text, chunks);
    }
  }

  /**
   * Reasoning ("thinking") content: Anthropic {@code thinking} blocks, Gemini {@code thought} parts,
   * OpenAI-compatible {@code reasoning_content}.
   *
   * @param text the full reasoning text
   * @param chunks how it is streamed; the chunks join to {@code text}
   * @param signature the provider's signature of it: Anthropic's thinking {@code signature}, an OpenAI Responses
   *     reasoning item's {@code encrypted_content}; null for reasoning sent unsigned (a Responses item without
   *     encrypted content; Anthropic always signs, so its renderer sends an empty signature)
   */
  public record Thinking(String text, List<String> chunks, String signature) implements Part {
    /** Checks the chunks join to the text. */
    public Thinking {
      Objects.requireNonNull(text, "text");
      chunks = checkChunks("thinking", text, chunks);
    }

    /** This reasoning without a signature. */
    public Thinking unsigned() {
      return new Thinking(text, chunks, null);
    }
  }

  /**
   * A tool (function) call. The arguments are sent verbatim (they are not validated, so a test can send
   * broken JSON on purpose); Anthropic and Gemini JSON bodies embed them as a JSON object.
   *
   * @param id the call id (OpenAI {@code id}, Anthropic {@code tool_use.id}); Gemini sends no id
   * @param name the function name
   * @param argumentsJson the arguments as JSON text
   * @param argumentChunks how the arguments are streamed (OpenAI and Anthropic); they join to
   *     {@code argumentsJson}
   * @param thoughtSignature Gemini's {@code thoughtSignature}, sent as the sibling of the part's {@code functionCall}
   *     (other formats send none), or null for none; a Gemini request that sends this call back without it, or
   *     with another, is answered 400 as Gemini 3 answers it
   */
  public record ToolCall(String id, String name, String argumentsJson, List<String> argumentChunks,
      String thoughtSignature) implements Part {
    /** Checks the chunks join to the arguments. */
    public ToolCall {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(argumentsJson, "argumentsJson");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("tool call '" + id + "': name must not be empty");
      }
      if (thoughtSignature != null && thoughtSignature.isEmpty()) {
        throw new IllegalArgumentException("tool call '" + id + "': thoughtSignature must not be empty (null for "
            + "none)");
      }
      argumentChunks = checkChunks("tool call '" + id + "' arguments", argumentsJson, argumentChunks);
    }

    /**
     * A call without a thought signature.
     *
     * @param id the call id
     * @param name the function name
     * @param argumentsJson the arguments as JSON text
     * @param argumentChunks how the arguments are streamed
     */
    public ToolCall(String id, String name, String argumentsJson, List<String> argumentChunks) {
      this(id, name, argumentsJson, argumentChunks, null);
    }

    /** A copy streamed in exactly these argument fragments. */
    public ToolCall inChunks(String... fragments) {
      return new ToolCall(id, name, argumentsJson, List.of(fragments), thoughtSignature);
    }

    /**
     * A copy that carries Gemini's {@code thoughtSignature} (Gemini 3 sends one on a call's part; with parallel
     * calls only on the first).
     *
     * @param signature the opaque signature (base64 text, as Google sends it)
     * @return the call
     */
    public ToolCall withThoughtSignature(String signature) {
      Objects.requireNonNull(signature, "signature");
      return new ToolCall(id, name, argumentsJson, argumentChunks, signature);
    }
  }

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  private final Kind kind;
  private final List<Part> parts;
  private final FinishReason finishReason;
  private final String rawFinishReason;
  private final Usage usage;
  private final String model;
  private final String id;
  private final int status;
  private final String errorBody;
  private final String errorType;
  private final String errorMessage;
  private final List<Map.Entry<String, String>> headers;
  private final Faults faults;

  /**
   * The faults a reply injects while it is sent. An "event" is one stream frame (one SSE message, or one
   * element of Gemini's JSON array). A non-streamed JSON body counts as a single event: for it only counts
   * of 0 apply (stall or disconnect after the headers, truncated body), and drip and stream errors do not.
   * Negative counts mean "off"; when several faults hit the same event they apply in the order stall,
   * disconnect, malformed frame, stream error.
   *
   * @param delayBeforeHeaders wait before the status line is sent
   * @param stallAfterEvents after this many events, send nothing until {@link FakeProvider#releaseStalls()}
   *     or the connection closes
   * @param disconnectAfterEvents after this many events, close the connection without finishing the body
   * @param malformedAfterEvents after this many events, send one frame that is not valid JSON, then go on
   * @param streamErrorAfterEvents after this many events, send the provider's in-stream error frame and end
   *     the stream
   * @param streamErrorStatus the HTTP-like status whose error the in-stream error frame carries
   * @param dripDelay wait between two events
   * @param writeSize when positive, each event is written in pieces of at most this many bytes, each
   *     flushed on its own (splits frames, and UTF-8 sequences, across network writes)
   */
  public record Faults(Duration delayBeforeHeaders, int stallAfterEvents, int disconnectAfterEvents,
      int malformedAfterEvents, int streamErrorAfterEvents, int streamErrorStatus, Duration dripDelay,
      int writeSize) {

    static final Faults NONE = new Faults(Duration.ZERO, -1, -1, -1, -1, 0, Duration.ZERO, 0);

    /** Checks durations are non-negative. */
    public Faults {
      requireNonNegative("delayBeforeHeaders", delayBeforeHeaders);
      requireNonNegative("dripDelay", dripDelay);
    }

    Faults withDelayBeforeHeaders(Duration d) {
      return new Faults(d, stallAfterEvents, disconnectAfterEvents, malformedAfterEvents, streamErrorAfterEvents,
          streamErrorStatus, dripDelay, writeSize);
    }

    Faults withStall(int n) {
      return new Faults(delayBeforeHeaders, n, disconnectAfterEvents, malformedAfterEvents, streamErrorAfterEvents,
          streamErrorStatus, dripDelay, writeSize);
    }

    Faults withDisconnect(int n) {
      return new Faults(delayBeforeHeaders, stallAfterEvents, n, malformedAfterEvents, streamErrorAfterEvents,
          streamErrorStatus, dripDelay, writeSize);
    }

    Faults withMalformed(int n) {
      return new Faults(delayBeforeHeaders, stallAfterEvents, disconnectAfterEvents, n, streamErrorAfterEvents,
          streamErrorStatus, dripDelay, writeSize);
    }

    Faults withStreamError(int n, int status) {
      return new Faults(delayBeforeHeaders, stallAfterEvents, disconnectAfterEvents, malformedAfterEvents, n,
          status, dripDelay, writeSize);
    }

    Faults withDrip(Duration d) {
      return new Faults(delayBeforeHeaders, stallAfterEvents, disconnectAfterEvents, malformedAfterEvents,
          streamErrorAfterEvents, streamErrorStatus, d, writeSize);
    }

    Faults withWriteSize(int bytes) {
      return new Faults(delayBeforeHeaders, stallAfterEvents, disconnectAfterEvents, malformedAfterEvents,
          streamErrorAfterEvents, streamErrorStatus, dripDelay, bytes);
    }
  }

  private Reply(Kind kind, List<Part> parts, FinishReason finishReason, String rawFinishReason, Usage usage,
      String model, String id, int status, String errorBody, String errorType, String errorMessage,
      List<Map.Entry<String, String>> headers, Faults faults) {
    this.kind = kind;
    this.parts = List.copyOf(parts);
    this.finishReason = finishReason;
    this.rawFinishReason = rawFinishReason;
    this.usage = usage;
    this.model = model;
    this.id = id;
    this.status = status;
    this.errorBody = errorBody;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.headers = List.copyOf(headers);
    this.faults = faults;
  }

  private static Reply completion(List<Part> parts) {
    return new Reply(Kind.COMPLETION, parts, null, null, null, null, null, 200, null, null, null, List.of(),
        Faults.NONE);
  }

  // ---------------------------------------------------------------- factories

  /**
   * A successful answer computed from the request, for the {@link OperationFormat}s: embeddings get the
   * {@link FakeEmbeddings} vectors of their inputs, rerank requests the documents ranked by
   * {@link FakeEmbeddings#relevance}; this reply's {@link #model(String) model}, {@link #usage(Usage) usage} (its
   * input tokens), headers and faults apply. (Any completion reply answers those requests the same way; a chat
   * request gets an empty text.)
   */
  public static Reply computed() {
    return completion(List.of());
  }

  /** A text answer; when streamed, one delta per word (each word keeps its leading whitespace). */
  public static Reply text(String text) {
    return completion(List.of(textPart(text)));
  }

  /** A text answer streamed in exactly these chunks (the full text is their concatenation). */
  public static Reply streamedText(String... chunks) {
    return completion(List.of(new Text(String.join("", chunks), List.of(chunks))));
  }

  /**
   * A structured answer: the JSON a typed request ({@code executeAs}, {@code streamAs}) gets, as message text or as
   * the forced tool call's arguments, whichever the request asked for (see {@link StructuredAnswer}); streamed in
   * fragments of at most 8 characters.
   *
   * @param json the JSON text, sent verbatim (it may be invalid on purpose)
   * @return the reply
   */
  public static Reply json(String json) {
    Objects.requireNonNull(json, "json");
    return completion(List.of(new StructuredAnswer(json, splitFixed(json, 8))));
  }

  /**
   * A structured answer streamed in exactly these fragments.
   *
   * @param chunks the fragments; the JSON is their concatenation
   * @return the reply
   */
  public static Reply streamedJson(String... chunks) {
    return completion(List.of(new StructuredAnswer(String.join("", chunks), List.of(chunks))));
  }

  /**
   * This reply as it answers a request: structured answers become a call of the tool the request forces, or text.
   *
   * @param request the parsed request body
   * @param format the request's wire format
   * @param sequence the request's sequence number, for generated call ids
   * @return the reply to render
   */
  Reply forRequest(Object request, WireFormat format, int sequence) {
    if (parts.stream().noneMatch(p -> p instanceof StructuredAnswer)) {
      return this;
    }
    String tool = forcedTool(request, format);
    List<Part> resolved = new ArrayList<>(parts.size());
    int n = 0;
    for (Part p : parts) {
      if (p instanceof StructuredAnswer a) {
        if (tool != null) {
          String id = (format == WireFormat.ANTHROPIC_MESSAGES ? "toolu_answer_" : "call_answer_") + sequence + "_" + n++;
          resolved.add(new ToolCall(id, tool, a.json(), a.chunks()));
        } else {
          resolved.add(new Text(a.json(), a.chunks()));
        }
      } else {
        resolved.add(p);
      }
    }
    return new Reply(kind, resolved, finishReason, rawFinishReason, usage, model, id, status, errorBody, errorType,
        errorMessage, headers, faults);
  }

  /** The tool a request forces the model to call, or null. */
  static String forcedTool(Object request, WireFormat format) {
    return switch (format) {
      case OPENAI_CHAT -> Json.at(request, "tool_choice.function.name") instanceof String s ? s : null;
      case OPENAI_RESPONSES -> "function".equals(Json.at(request, "tool_choice.type"))
          && Json.at(request, "tool_choice.name") instanceof String s ? s : null;
      case ANTHROPIC_MESSAGES -> "tool".equals(Json.at(request, "tool_choice.type"))
          && Json.at(request, "tool_choice.name") instanceof String s ? s : null;
      case GEMINI -> "ANY".equals(Json.at(request, "toolConfig.functionCallingConfig.mode"))
          && Json.at(request, "toolConfig.functionCallingConfig.allowedFunctionNames") instanceof List<?> names
          && names.size() == 1 && names.get(0) instanceof String s ? s : null;
      // Cohere forces "a tool": forced with a single tool offered is that tool
      case COHERE_V2 -> "REQUIRED".equals(Json.at(request, "tool_choice"))
          && Json.at(request, "tools") instanceof List<?> tools && tools.size() == 1
          && Json.at(tools.get(0), "function.name") instanceof String s ? s : null;
    };
  }

  /** A single tool call; when streamed, the arguments arrive in fragments of at most 8 characters. */
  public static Reply toolCall(String id, String name, String argumentsJson) {
    return completion(List.of(toolCallPart(id, name, argumentsJson)));
  }

  /** Several tool calls in one answer (parallel tool calls). */
  public static Reply toolCalls(ToolCall... calls) {
    if (calls.length == 0) {
      throw new IllegalArgumentException("toolCalls() needs at least one tool call");
    }
    return completion(List.of(calls));
  }

  /** An answer made of the given parts, in order (for example thinking, then text, then tool calls). */
  public static Reply of(Part... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException("Reply.of() needs at least one part");
    }
    return completion(List.of(parts));
  }

  /** A text part; streamed one word per delta. */
  public static Text textPart(String text) {
    Objects.requireNonNull(text, "text");
    return new Text(text, splitWords(text));
  }

  /** A thinking part with a fixed signature; streamed one word per delta. */
  public static Thinking thinkingPart(String text) {
    Objects.requireNonNull(text, "text");
    return new Thinking(text, splitWords(text), "fake-signature");
  }

  /** A tool call part whose arguments stream in fragments of at most 8 characters. */
  public static ToolCall toolCallPart(String id, String name, String argumentsJson) {
    Objects.requireNonNull(argumentsJson, "argumentsJson");
    return new ToolCall(id, name, argumentsJson, splitFixed(argumentsJson, 8));
  }

  /**
   * An error with a provider-style body for this status, rendered in the request's wire format (for
   * example 429 becomes OpenAI {@code rate_limit_exceeded}, Anthropic {@code rate_limit_error}, Gemini
   * {@code RESOURCE_EXHAUSTED}).
   */
  public static Reply error(int status) {
    return error(status, null);
  }

  /** An error whose body is exactly {@code body} (sent as {@code application/json}), whatever the format. */
  public static Reply error(int status, String body) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("error status must be 400..599, got " + status);
    }
    return new Reply(Kind.ERROR, List.of(), null, null, null, null, null, status, body, null, null, List.of(),
        Faults.NONE);
  }

  /**
   * No HTTP response at all: the server reads the request, then closes the connection (a transport
   * failure as the client sees it).
   */
  public static Reply dropConnection() {
    return new Reply(Kind.DROP_CONNECTION, List.of(), null, null, null, null, null, 0, null, null, null,
        List.of(), Faults.NONE);
  }
  /**
   * The answer of a token-counting request (Anthropic's {@code POST .../messages/count_tokens}: {@code
   * {"input_tokens": n}}; Gemini's {@code POST .../models/{model}:countTokens}: {@code {"totalTokens": n, ...}}). A
   * counting request that takes a completion reply, or a chat request that takes this one, is answered with HTTP 500.
   *
   * @param tokens the count
   * @return the reply
   */
  public static Reply tokenCount(int tokens) {
    requireNonNegative("tokens", tokens);
    return new Reply(Kind.TOKEN_COUNT, List.of(), null, null, Usage.of(tokens, 0), null, null, 200, null, null, null,
        List.of(), Faults.NONE);
  }

  /** The count of a {@link #tokenCount(int)} reply. */
  public int tokenCount() {
    if (kind != Kind.TOKEN_COUNT) {
      throw new IllegalStateException("not a token-count reply: " + kind);
    }
    return usage.inputTokens();
  }


  // ---------------------------------------------------------------- modifiers

  private Reply copy(FinishReason finishReason, String rawFinishReason, Usage usage, String model, String id,
      String errorType, String errorMessage, List<Map.Entry<String, String>> headers, Faults faults) {
    return new Reply(kind, parts, finishReason, rawFinishReason, usage, model, id, status, errorBody, errorType,
        errorMessage, headers, faults);
  }

  /** The finish reason to send (default: {@code TOOL_USE} when the reply has tool calls, else {@code END_TURN}). */
  public Reply finishReason(FinishReason reason) {
    requireCompletion("finishReason");
    return copy(Objects.requireNonNull(reason, "reason"), null, usage, model, id, errorType, errorMessage,
        headers, faults);
  }

  /** A raw finish reason sent verbatim in every wire format (for example {@code "pause_turn"}). */
  public Reply rawFinishReason(String raw) {
    requireCompletion("rawFinishReason");
    return copy(null, Objects.requireNonNull(raw, "raw"), usage, model, id, errorType, errorMessage, headers,
        faults);
  }

  /**
   * The usage to report. Default: 10 input tokens and one output token per streamed chunk (text, thinking
   * and argument fragments).
   */
  public Reply usage(Usage usage) {
    requireCompletion("usage");
    return copy(finishReason, rawFinishReason, Objects.requireNonNull(usage, "usage"), model, id, errorType,
        errorMessage, headers, faults);
  }

  /** The model name in the response (default: the model the request asked for). */
  public Reply model(String model) {
    requireCompletion("model");
    return copy(finishReason, rawFinishReason, usage, Objects.requireNonNull(model, "model"), id, errorType,
        errorMessage, headers, faults);
  }

  /** The response id (default: a generated {@code chatcmpl-fake-N}, {@code msg_fake_N} or {@code fake-N}). */
  public Reply id(String id) {
    requireCompletion("id");
    return copy(finishReason, rawFinishReason, usage, model, Objects.requireNonNull(id, "id"), errorType,
        errorMessage, headers, faults);
  }

  /**
   * The provider error code of an error reply: OpenAI {@code error.code}, Anthropic {@code error.type},
   * Gemini {@code error.status} (for example {@code "insufficient_quota"}, {@code "overloaded_error"}).
   */
  public Reply errorCode(String code) {
    requireError("errorCode");
    return copy(finishReason, rawFinishReason, usage, model, id, Objects.requireNonNull(code, "code"),
        errorMessage, headers, faults);
  }

  /** The human message of an error reply's body. */
  public Reply errorMessage(String message) {
    requireError("errorMessage");
    return copy(finishReason, rawFinishReason, usage, model, id, errorType,
        Objects.requireNonNull(message, "message"), headers, faults);
  }

  /** Adds a response header (any reply kind but {@link Kind#DROP_CONNECTION}). */
  public Reply header(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c > 126)) {
      throw new IllegalArgumentException("invalid header name '" + name + "'");
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("header '" + name + "' value must not contain CR or LF");
    }
    List<Map.Entry<String, String>> next = new ArrayList<>(headers);
    next.add(Map.entry(name, value));
    return copy(finishReason, rawFinishReason, usage, model, id, errorType, errorMessage, next, faults);
  }

  /** Adds {@code Retry-After: <seconds>}. */
  public Reply retryAfterSeconds(long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("retryAfterSeconds must be >= 0, got " + seconds);
    }
    return header("Retry-After", Long.toString(seconds));
  }

  /** Adds {@code Retry-After: <HTTP date>} (IMF-fixdate, for example {@code Fri, 02 Jan 2026 03:04:05 GMT}). */
  public Reply retryAfterDate(Instant when) {
    Objects.requireNonNull(when, "when");
    return header("Retry-After", HTTP_DATE.format(when.atOffset(ZoneOffset.UTC)));
  }

  /** Adds {@code retry-after-ms: <millis>} (sent by OpenAI and Anthropic next to {@code Retry-After}). */
  public Reply retryAfterMillis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("retryAfterMillis must be >= 0, got " + millis);
    }
    return header("retry-after-ms", Long.toString(millis));
  }

  /** Waits this long before sending the status line. */
  public Reply delayBeforeHeaders(Duration delay) {
    return withFaults(faults.withDelayBeforeHeaders(delay));
  }

  /** After {@code events} events, holds the connection open without bytes until released or closed. */
  public Reply stallAfterEvents(int events) {
    requireNonNegative("stallAfterEvents", events);
    return withFaults(faults.withStall(events));
  }

  /** After {@code events} events, closes the connection without finishing the response body. */
  public Reply disconnectAfterEvents(int events) {
    requireNonNegative("disconnectAfterEvents", events);
    return withFaults(faults.withDisconnect(events));
  }

  /**
   * After {@code events} events, sends one frame whose JSON is cut short, then continues. For a JSON
   * (non-streamed) response, {@code 0} replaces the body by a truncated one.
   */
  public Reply malformedFrameAfterEvents(int events) {
    requireNonNegative("malformedFrameAfterEvents", events);
    return withFaults(faults.withMalformed(events));
  }

  /**
   * After {@code events} events of a stream, sends the provider's in-stream error for {@code status} and
   * ends the stream cleanly: OpenAI {@code data: {"error":{...}}}, Anthropic {@code event: error} (for
   * example {@code overloaded_error} for 529), Gemini {@code data: {"error":{"code","message","status"}}}.
   * The HTTP status stays 200, as with the real APIs. Ignored for JSON (non-streamed) responses.
   */
  public Reply streamErrorAfterEvents(int events, int status) {
    requireCompletion("streamErrorAfterEvents");
    requireNonNegative("streamErrorAfterEvents", events);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("streamErrorAfterEvents status must be 400..599, got " + status);
    }
    return withFaults(faults.withStreamError(events, status));
  }

  /** Waits this long between two events (a slow drip). */
  public Reply dripDelay(Duration delay) {
    return withFaults(faults.withDrip(delay));
  }

  /** Writes every event in pieces of at most {@code bytes} bytes, each flushed on its own. */
  public Reply writeSize(int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("writeSize must be >= 1, got " + bytes);
    }
    return withFaults(faults.withWriteSize(bytes));
  }

  private Reply withFaults(Faults next) {
    return copy(finishReason, rawFinishReason, usage, model, id, errorType, errorMessage, headers, next);
  }

  private void requireCompletion(String what) {
    if (kind != Kind.COMPLETION) {
      throw new IllegalStateException(what + "() applies to completion replies, this is a " + kind + " reply");
    }
  }

  private void requireError(String what) {
    if (kind != Kind.ERROR) {
      throw new IllegalStateException(what + "() applies to error replies, this is a " + kind + " reply");
    }
  }

  // ---------------------------------------------------------------- accessors

  /** What kind of reply this is. */
  public Kind kind() {
    return kind;
  }

  /** The completion parts in order (empty for errors). */
  public List<Part> parts() {
    return parts;
  }

  /** True when the reply contains at least one tool call (structured answers count once they became one). */
  public boolean hasToolCalls() {
    return parts.stream().anyMatch(p -> p instanceof ToolCall);
  }

  /** The finish reason rendered for this format: the raw override, else the chosen or default reason. */
  public String finishReasonFor(WireFormat format) {
    if (rawFinishReason != null) {
      return rawFinishReason;
    }
    FinishReason reason = finishReason != null ? finishReason
        : hasToolCalls() ? FinishReason.TOOL_USE : FinishReason.END_TURN;
    return reason.wireValue(format);
  }

  /** The scripted usage, or null. */
  Usage scriptedUsage() {
    return usage;
  }

  /** The usage to report: the scripted one, or the documented default. */
  public Usage effectiveUsage() {
    if (usage != null) {
      return usage;
    }
    int chunks = 0;
    for (Part p : parts) {
      if (p instanceof Text t) {
        chunks += t.chunks().size();
      } else if (p instanceof Thinking t) {
        chunks += t.chunks().size();
      } else if (p instanceof ToolCall c) {
        chunks += c.argumentChunks().size();
      } else if (p instanceof StructuredAnswer a) {
        chunks += a.chunks().size();
      }
    }
    return Usage.of(10, Math.max(1, chunks));
  }

  /** The model override, or null to echo the request's model. */
  public String model() {
    return model;
  }

  /** The id override, or null for a generated id. */
  public String id() {
    return id;
  }

  /** The HTTP status (200 for completions, 0 for {@link Kind#DROP_CONNECTION}). */
  public int status() {
    return status;
  }

  /** The literal error body, or null for a provider-style body. */
  public String errorBody() {
    return errorBody;
  }

  /** The provider error code override, or null for the one that matches the status. */
  public String errorCode() {
    return errorType;
  }

  /** The error message override, or null for a standard one. */
  public String errorMessage() {
    return errorMessage;
  }

  /** Extra response headers, in order. */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** The faults this reply injects. */
  public Faults faults() {
    return faults;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Reply{").append(kind);
    if (kind == Kind.ERROR) {
      sb.append(' ').append(status);
    }
    if (!parts.isEmpty()) {
      sb.append(", parts=").append(parts);
    }
    if (!faults.equals(Faults.NONE)) {
      sb.append(", faults=").append(faults);
    }
    return sb.append('}').toString();
  }

  // ---------------------------------------------------------------- helpers

  static List<String> splitWords(String text) {
    List<String> chunks = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      chunks.add(text.substring(start, i));
      start = i;
    }
    if (chunks.isEmpty()) {
      chunks.add(text);
    }
    return chunks;
  }

  static List<String> splitFixed(String text, int size) {
    List<String> chunks = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int end = Math.min(text.length(), i + size);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      chunks.add(text.substring(i, end));
      i = end;
    }
    if (chunks.isEmpty()) {
      chunks.add(text);
    }
    return chunks;
  }

  private static List<String> checkChunks(String what, String text, List<String> chunks) {
    Objects.requireNonNull(chunks, what + " chunks");
    if (chunks.isEmpty()) {
      throw new IllegalArgumentException(what + ": at least one chunk is needed (use \"\" for empty text)");
    }
    List<String> copy = List.copyOf(chunks);
    String joined = String.join("", copy);
    if (!joined.equals(text)) {
      throw new IllegalArgumentException(
          what + ": the chunks join to \"" + joined + "\" but the full text is \"" + text + "\"");
    }
    return copy;
  }

  private static void requireNonNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
  }

  private static void requireNonNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }
}
