package dev.ailib.api.internal;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.spi.JsonBinder;
import java.util.Iterator;
import java.util.ServiceLoader;

/** The {@link JsonBinder} on the class or module path, found once. */
public final class Binding {
  private Binding() {
  }

  /**
   * The binder.
   *
   * @return the binder
   * @throws AiLibException (E1001) when none is present (ai-lib-core is missing), on every call (not an
   *     {@code ExceptionInInitializerError} once and a {@code NoClassDefFoundError} after)
   */
  public static JsonBinder binder() {
    JsonBinder b = Holder.INSTANCE;
    if (b == null) {
      throw new AiLibException(StandardErrorCode.INVALID_REQUEST, "no JsonBinder found: add the ai-lib-core artifact "
          + "(dev.ailib:ai-lib-core), which provides schemas and binding for typed answers and tool arguments");
    }
    return b;
  }

  private static final class Holder {
    private static final JsonBinder INSTANCE = find();

    private static JsonBinder find() {
      Iterator<JsonBinder> it = ServiceLoader.load(JsonBinder.class, JsonBinder.class.getClassLoader()).iterator();
      if (!it.hasNext()) {
        it = ServiceLoader.load(JsonBinder.class).iterator();
      }
      return it.hasNext() ? it.next() : null;
    }
  }
}
