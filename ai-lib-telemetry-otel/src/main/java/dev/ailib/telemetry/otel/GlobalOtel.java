package dev.ailib.telemetry.otel;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reads {@link GlobalOpenTelemetry} without registering it. {@link GlobalOpenTelemetry#get()} installs the no-op
 * as the global when none is set, after which the application's own registration fails; {@code isSet()} (API 1.57
 * and later) tells first. It is looked up once by reflection so that the adapter still runs on older APIs (Spring
 * Boot 3.5 manages 1.49), where there is no way to ask and {@code get()} is used as before.
 */
final class GlobalOtel {
  private static final MethodHandle IS_SET = findIsSet();

  private GlobalOtel() {
  }

  /** The registered global, or null when none is registered yet (nothing is registered by this call). */
  static OpenTelemetry registered() {
    if (IS_SET == null) {
      return GlobalOpenTelemetry.get();
    }
    try {
      return (boolean) IS_SET.invokeExact() ? GlobalOpenTelemetry.get() : null;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("GlobalOpenTelemetry.isSet() failed", e);
    }
  }

  /** Whether this API can tell an unset global without setting it. */
  static boolean canTellUnset() {
    return IS_SET != null;
  }

  private static MethodHandle findIsSet() {
    try {
      return MethodHandles.publicLookup().findStatic(GlobalOpenTelemetry.class, "isSet",
          MethodType.methodType(boolean.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }
}
