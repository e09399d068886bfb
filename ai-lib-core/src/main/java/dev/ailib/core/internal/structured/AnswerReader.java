package dev.ailib.core.internal.structured;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.FinishReason;
import dev.ailib.api.error.SourceLocation;
import java.io.IOException;
import java.util.List;

/**
 * Reads a typed answer from the model's text: parses it (a syntax error names its line and column; a text that
 * ends early is reported as cut off), checks it against the schema (each problem with its JSON path), then binds
 * it to the Java type.
 */
final class AnswerReader {
  private AnswerReader() {
  }

  /** What reading gave. */
  sealed interface Outcome permits Valid, Invalid {
  }

  /**
   * A valid answer.
   *
   * @param value the bound value
   * @param json the JSON text it came from
   */
  record Valid(Object value, String json) implements Outcome {
  }

  /**
   * An answer that cannot be used.
   *
   * @param problems what is wrong (at least one)
   * @param location line and column of a syntax error, else null
   * @param answer the answer's text
   * @param parsed whether the text was JSON (the problems are then about its content, each with its path)
   */
  record Invalid(List<Problem> problems, SourceLocation location, String answer, boolean parsed) implements Outcome {
    /** The first problem, as one line. */
    String summary() {
      String first = problems.get(0).toString();
      return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
    }
  }

  /**
   * Reads an answer.
   *
   * @param text the answer's text (the forced tool call's input, or the message text)
   * @param shape the expected shape
   * @param finish why the model stopped (a token limit explains a cut-off answer)
   * @return the outcome
   */
  static Outcome read(String text, OutputShape shape, FinishReason finish) {
    String json = clean(text);
    if (json.isEmpty()) {
      return new Invalid(List.of(new Problem("$", finish == FinishReason.MAX_TOKENS
          ? "the answer is empty: the model stopped at its output token limit" : "the answer is empty")), null, text,
          false);
    }
    JsonNode node;
    try {
      node = Binding.STRICT.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      SourceLocation where = at == null ? null
          : new SourceLocation("answer", at.getLineNr(), at.getColumnNr(), null);
      boolean cut = e instanceof JsonEOFException || String.valueOf(e.getOriginalMessage()).contains("end-of-input");
      String what = cut ? "the answer is cut off after " + json.length() + " characters (incomplete JSON)"
          + (finish == FinishReason.MAX_TOKENS ? ": the model stopped at its output token limit" : "")
          : "the answer is not valid JSON: " + e.getOriginalMessage();
      return new Invalid(List.of(new Problem("$", what + (where == null ? "" : " at line " + where.line()
          + ", column " + where.column()))), where, text, false);
    }
    List<Problem> problems = SchemaCheck.problems(shape.schema(), shape.schemaText(), node);
    if (!problems.isEmpty()) {
      return new Invalid(problems.stream().map(p -> unwrapped(p, shape)).toList(), null, text, true);
    }
    try {
      return new Valid(Binding.bind(shape.unwrap(node), shape.type()), json);
    } catch (JsonMappingException e) {
      return new Invalid(List.of(new Problem(path(e), e.getOriginalMessage())), null, text, true);
    } catch (IOException e) {
      return new Invalid(List.of(new Problem("$", String.valueOf(e.getMessage()))), null, text, true);
    }
  }

  /** Drops a Markdown code fence and surrounding blanks, which prompted models sometimes add. */
  static String clean(String text) {
    String t = text == null ? "" : text.strip();
    if (t.startsWith("```")) {
      int nl = t.indexOf('\n');
      t = nl < 0 ? "" : t.substring(nl + 1);
      if (t.stripTrailing().endsWith("```")) {
        t = t.stripTrailing();
        t = t.substring(0, t.length() - 3);
      }
      t = t.strip();
    }
    return t;
  }

  private static Problem unwrapped(Problem p, OutputShape shape) {
    if (!shape.wrapped()) {
      return p;
    }
    String prefix = "$." + OutputShape.WRAPPER;
    return p.path().startsWith(prefix) ? new Problem("$" + p.path().substring(prefix.length()), p.message()) : p;
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder("$");
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        b.append('.').append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }
}
