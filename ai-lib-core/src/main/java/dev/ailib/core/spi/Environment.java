package dev.ailib.core.spi;

import dev.ailib.api.spi.ClientComponent;
import java.util.Map;
import java.util.Optional;

/**
 * Reads environment variables. The default reads the process environment; tests and frameworks pass
 * their own with {@code AiClientBuilder.component(Environment.of(map))}.
 */
@FunctionalInterface
public interface Environment extends ClientComponent {

  /**
   * A variable's value.
   *
   * @param name the name
   * @return the value, empty when unset or blank
   */
  Optional<String> get(String name);

  /** The process environment. */
  static Environment system() {
    return name -> Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }

  /**
   * A fixed map of variables.
   *
   * @param variables name to value
   * @return the environment
   */
  static Environment of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return name -> Optional.ofNullable(copy.get(name)).filter(v -> !v.isBlank());
  }
}
