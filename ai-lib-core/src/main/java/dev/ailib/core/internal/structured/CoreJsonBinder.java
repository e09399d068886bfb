package dev.ailib.core.internal.structured;

import dev.ailib.api.FinishReason;
import dev.ailib.api.error.StructuredOutputException;
import dev.ailib.api.spi.JsonBinder;
import java.lang.reflect.Type;

/**
 * The {@link JsonBinder} of ai-lib-core, found by the API module with {@link java.util.ServiceLoader}: schemas from
 * {@link TypeSchemas}, checking and binding by {@link AnswerReader}, writing by the binding mapper.
 */
public final class CoreJsonBinder implements JsonBinder {

  /** Creates the binder (for {@link java.util.ServiceLoader}). */
  public CoreJsonBinder() {
  }

  @Override
  public String schema(Type type) {
    return TypeSchemas.of(type).toString();
  }

  @Override
  public Object read(String json, Type type) {
    OutputShape shape = OutputShape.plain(type);
    AnswerReader.Outcome o = AnswerReader.read(json, shape, FinishReason.END_TURN);
    if (o instanceof AnswerReader.Valid v) {
      return v.value();
    }
    AnswerReader.Invalid bad = (AnswerReader.Invalid) o;
    Problem first = bad.problems().get(0);
    return fail(bad, first, type);
  }

  private static Object fail(AnswerReader.Invalid bad, Problem first, Type type) {
    throw new StructuredOutputException("JSON is not a valid " + type.getTypeName() + ": " + bad.summary(),
        bad.parsed() ? first.path() : null, first.message(), bad.location(), bad.answer(), 0);
  }

  @Override
  public String write(Object value) {
    return Binding.write(value);
  }
}
