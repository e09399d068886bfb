package dev.ailib.core.internal.structured;

import dev.ailib.api.CallStats;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatResult;
import dev.ailib.api.ChatStream;
import dev.ailib.api.Message;
import dev.ailib.api.StructuredOptions;
import dev.ailib.api.StructuredOutputMode;
import dev.ailib.api.StructuredResult;
import dev.ailib.api.StructuredStream;
import dev.ailib.api.ToolCall;
import dev.ailib.api.TypeRef;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StructuredOutputException;
import dev.ailib.api.spi.ClientEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Typed answers on top of an engine's plain calls: the type's {@link OutputShape} goes on the request as its
 * output schema (each target then encodes its own mechanism, {@link StructuredEncoding}); the answer is read from
 * the forced tool call or the text, checked and bound ({@link AnswerReader}); an invalid answer is sent back with
 * what was wrong as many times as {@link StructuredOptions#repairAttempts()} allows, then fails with a
 * {@link StructuredOutputException}. Thread-safe.
 */
public final class StructuredCalls {
  private static final int MAX_PROBLEMS_IN_REPAIR = 5;
  private static final int MAX_ANSWER_IN_MESSAGE = 300;

  private final ClientEngine engine;
  private final ManifestLookup manifests;

  /**
   * Creates the typed-answer side of an engine.
   *
   * @param engine runs the plain calls
   * @param manifests finds the manifest of the provider that served a call
   */
  public StructuredCalls(ClientEngine engine, ManifestLookup manifests) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.manifests = Objects.requireNonNull(manifests, "manifests");
  }

  /**
   * Runs a call for a typed answer.
   *
   * @param request the request
   * @param type the answer's type
   * @param options repair, naming and mode
   * @param cancel cancels the call
   * @param <T> the type
   * @return the typed answer
   */
  public <T> StructuredResult<T> execute(ChatRequest request, TypeRef<T> type, StructuredOptions options,
      CancelToken cancel) {
    Call call = new Call(request, type, options, cancel);
    ChatResult first = engine.execute(call.request, cancel);
    return call.finish(first.response(), first.stats());
  }

  /**
   * Streams a call for a typed answer.
   *
   * @param request the request
   * @param type the answer's type
   * @param options repair, naming and mode
   * @param cancel cancels the stream
   * @param <T> the type
   * @return the partial values, then the final one
   */
  public <T> StructuredStream<T> stream(ChatRequest request, TypeRef<T> type, StructuredOptions options,
      CancelToken cancel) {
    Call call = new Call(request, type, options, cancel);
    ChatStream stream = engine.stream(call.request, cancel);
    return new PartialStream<>(call, stream);
  }

  /** One typed call: its shape, its request as it grows with repairs. */
  final class Call {
    final OutputShape shape;
    final StructuredOptions options;
    final CancelToken cancel;
    ChatRequest request;

    Call(ChatRequest request, TypeRef<?> type, StructuredOptions options, CancelToken cancel) {
      this.options = options;
      this.cancel = cancel;
      try {
        this.shape = OutputShape.of(type.type(), options);
      } catch (IllegalArgumentException e) {
        throw new ProtocolException("cannot ask for a typed answer of " + type.type().getTypeName() + ": "
            + e.getMessage());
      }
      this.request = request.withOutputSchema(shape.outputSchema(options.mode()));
    }

    /** Reads the answer; repairs while allowed. */
    <T> StructuredResult<T> finish(ChatResponse response, CallStats stats) {
      int repairs = 0;
      while (true) {
        StructuredOutputMode mode = mode(stats);
        stats = stats.withStructuredOutput(mode);
        String text = answerText(response);
        AnswerReader.Outcome o = AnswerReader.read(text, shape, response.finishReason());
        if (o instanceof AnswerReader.Valid v) {
          @SuppressWarnings("unchecked")
          T value = (T) v.value();
          return new StructuredResult<>(value, v.json(), response, stats, repairs);
        }
        AnswerReader.Invalid bad = (AnswerReader.Invalid) o;
        if (repairs >= options.repairAttempts()) {
          throw failure(bad, stats, mode, repairs);
        }
        List<Message> messages = new ArrayList<>(request.messages());
        messages.add(Message.assistant(text == null || text.isBlank() ? "(no answer)" : text));
        messages.add(Message.user(repairInstruction(bad, mode)));
        request = request.withMessages(messages);
        repairs++;
        ChatResult next = engine.execute(request, cancel);
        response = next.response();
        stats = stats.plus(next.stats());
      }
    }

    /** The answer's text: the input of the forced tool call when there is one, else the message text. */
    String answerText(ChatResponse response) {
      for (ToolCall c : response.toolCalls()) {
        if (c.name().equals(shape.name())) {
          return c.argumentsJson();
        }
      }
      return response.content();
    }

    private StructuredOutputMode mode(CallStats stats) {
      try {
        return manifests.manifest(stats.provider()).map(m -> StructuredModes.choose(m, options.mode()))
            .orElse(options.mode());
      } catch (RuntimeException e) {
        return options.mode(); // the call went through, so the mode was offered; only the report is at stake
      }
    }

    private String repairInstruction(AnswerReader.Invalid bad, StructuredOutputMode mode) {
      List<String> problems = new ArrayList<>();
      for (Problem p : bad.problems()) {
        if (problems.size() == MAX_PROBLEMS_IN_REPAIR) {
          problems.add("and " + (bad.problems().size() - MAX_PROBLEMS_IN_REPAIR) + " more");
          break;
        }
        problems.add(p.toString());
      }
      return "Your previous answer could not be used: " + String.join("; ", problems) + ". "
          + (mode == StructuredOutputMode.TOOL_CALL
              ? "Call the tool '" + shape.name() + "' again with the complete, corrected input."
              : "Reply again with the complete, corrected JSON value only, matching the schema '" + shape.name()
                  + "'.");
    }

    private StructuredOutputException failure(AnswerReader.Invalid bad, CallStats stats, StructuredOutputMode mode,
        int repairs) {
      Problem first = bad.problems().get(0);
      String answer = bad.answer() == null ? "" : bad.answer();
      String excerpt = answer.length() <= MAX_ANSWER_IN_MESSAGE ? answer
          : answer.substring(0, MAX_ANSWER_IN_MESSAGE) + "... (" + answer.length() + " characters)";
      String message = "the answer of " + stats.provider() + "/" + stats.model() + " is not a valid "
          + simpleName(shape.type()) + " (schema '" + shape.name() + "', structured output mode " + mode + ")"
          + (repairs == 0 ? "" : " after " + repairs + " repair request" + (repairs == 1 ? "" : "s")) + ": "
          + bad.summary() + "; answer: " + excerpt;
      return new StructuredOutputException(message, bad.parsed() ? first.path() : null, first.message(),
          bad.location(), answer, repairs);
    }
  }

  /** {@code Person}, {@code List<Person>}: the type with simple names. */
  static String simpleName(com.fasterxml.jackson.databind.JavaType t) {
    StringBuilder b = new StringBuilder(t.getRawClass().getSimpleName());
    if (t.containedTypeCount() > 0 && !t.isArrayType()) {
      b.append('<');
      for (int i = 0; i < t.containedTypeCount(); i++) {
        b.append(i == 0 ? "" : ", ").append(simpleName(t.containedType(i)));
      }
      b.append('>');
    }
    return b.toString();
  }
}
