package dev.ailib.core.internal.discovery;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Lists the providers of a service type. The default reads {@link ServiceLoader}; tests pass fixed lists.
 */
@FunctionalInterface
public interface ServiceLookup {

  /**
   * The providers of a type, in discovery order; broken ones are skipped.
   *
   * @param type the service type
   * @param <T> the service type
   * @return the working providers
   */
  <T> List<T> load(Class<T> type);

  /** {@link ServiceLoader} with the class loader that loaded core. */
  static ServiceLookup serviceLoader() {
    return new ServiceLookup() {
      @Override
      public <T> List<T> load(Class<T> type) {
        return collect(type, ServiceLoader.load(type, ServiceLookup.class.getClassLoader()).iterator());
      }
    };
  }

  /**
   * Drains an iterator of providers, skipping (with a warning) the entries that fail to load, so that one
   * broken jar does not hide the working ones.
   *
   * @param type the service type, for the warning
   * @param it the iterator, such as a {@link ServiceLoader}'s
   * @param <T> the service type
   * @return the providers that loaded
   */
  static <T> List<T> collect(Class<T> type, Iterator<T> it) {
    List<T> found = new ArrayList<>();
    // bound the loop: a broken iterator that keeps failing must not spin forever
    for (int failures = 0; failures < 100; ) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError broken) {
        failures++;
        System.getLogger(ServiceLookup.class.getName()).log(Level.WARNING,
            "skipping a broken " + type.getSimpleName() + " provider: " + broken.getMessage());
      }
    }
    return found;
  }
}
