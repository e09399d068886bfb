package dev.ailib.core.internal.response;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reads the number at a parser's current token as a {@code float} from the parser's own characters, with no
 * {@code String} per number: an embeddings answer holds hundreds of thousands of numbers, and
 * {@link JsonParser#getFloatValue()} makes a string of each before parsing it. Jackson 2.18 added
 * {@code NumberInput.parseFloat(char[], int, int, boolean)} (its bundled FastDoubleParser, correctly rounded, on the
 * characters); this library supports Jackson from 2.16, so the method is looked up once and, where the running
 * Jackson lacks it, every number goes through {@code getFloatValue()} (the same value, more garbage).
 */
final class FloatText {
  private static final MethodHandle PARSE = lookup();

  private FloatText() {
  }

  private static MethodHandle lookup() {
    try {
      return MethodHandles.publicLookup().findStatic(com.fasterxml.jackson.core.io.NumberInput.class, "parseFloat",
          MethodType.methodType(float.class, char[].class, int.class, int.class, boolean.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  /** Whether numbers are read from the parser's characters (Jackson 2.18 and later). */
  static boolean direct() {
    return PARSE != null;
  }

  /**
   * The current number token as a float.
   *
   * @param p the parser, at a number token
   * @return the value, correctly rounded
   * @throws IOException from the parser
   */
  static float read(JsonParser p) throws IOException {
    if (PARSE == null) {
      return p.getFloatValue();
    }
    try {
      return (float) PARSE.invokeExact(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), true);
    } catch (NumberFormatException e) {
      return p.getFloatValue(); // the parser's own reading, and its error if the text is no number
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("NumberInput.parseFloat failed", t);
    }
  }
}
