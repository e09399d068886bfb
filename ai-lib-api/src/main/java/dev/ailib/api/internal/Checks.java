package dev.ailib.api.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The argument checks of the public API, so that a mistake in the calling code fails at the call that made it, with
 * the standard exception and a message naming the argument: {@link NullPointerException} for a missing argument
 * ({@code "cancel must not be null"}), never a {@code NullPointerException} from deep inside the call.
 */
public final class Checks {
  private Checks() {
  }

  /**
   * Checks a required argument.
   *
   * @param value the argument
   * @param name its name, as the caller knows it
   * @param <T> its type
   * @return the value
   * @throws NullPointerException "{@code name} must not be null"
   */
  public static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  /**
   * Checks a list argument and each of its elements, and copies it.
   *
   * @param list the argument
   * @param name its name
   * @param <T> the element type
   * @return an unmodifiable copy
   * @throws NullPointerException naming the list ("{@code tools must not be null}") or the element
   *     ("{@code tools[2] must not be null}")
   */
  public static <T> List<T> elements(List<? extends T> list, String name) {
    notNull(list, name);
    List<T> copy = new ArrayList<>(list.size());
    int i = 0;
    for (T element : list) {
      copy.add(notNull(element, name + "[" + i++ + "]"));
    }
    return Collections.unmodifiableList(copy);
  }

  /**
   * Checks a varargs argument and each of its elements, and copies it.
   *
   * @param array the argument
   * @param name its name
   * @param <T> the element type
   * @return an unmodifiable copy
   * @throws NullPointerException naming the array or the element that is null
   */
  @SafeVarargs
  public static <T> List<T> elements(String name, T... array) {
    notNull(array, name);
    return elements(java.util.Arrays.asList(array), name);
  }

  /**
   * Takes the user-info (a password) out of a URL the caller gave, for an error message.
   *
   * @param url the URL as given
   * @return the URL with {@code user:password@} shown as {@code ***@}
   */
  public static String withoutUserInfo(String url) {
    return url == null ? null : url.replaceAll("//[^/?#]*@", "//***@");
  }
}
