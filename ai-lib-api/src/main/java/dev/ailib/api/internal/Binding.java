package dev.ailib.api.internal;

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
   * @throws IllegalStateException when none is present (ai-lib-core is missing)
   */
  public static JsonBinder binder() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    private static final JsonBinder INSTANCE = find();

    private static JsonBinder find() {
      Iterator<JsonBinder> it = ServiceLoader.load(JsonBinder.class, JsonBinder.class.getClassLoader()).iterator();
      if (!it.hasNext()) {
        it = ServiceLoader.load(JsonBinder.class).iterator();
      }
      if (!it.hasNext()) {
        throw new IllegalStateException("no JsonBinder found: add the ai-lib-core artifact (dev.ailib:ai-lib-core), "
            + "which provides schemas and binding for typed answers and tool arguments");
      }
      return it.next();
    }
  }
}
