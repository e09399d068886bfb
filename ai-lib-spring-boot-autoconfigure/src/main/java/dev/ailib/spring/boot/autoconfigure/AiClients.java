package dev.ailib.spring.boot.autoconfigure;

import dev.ailib.api.AiClient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The named clients of {@code ailib.clients.<name>.*}, built at start-up and closed with the application context.
 * Thread-safe (read-only after construction).
 */
public final class AiClients implements AutoCloseable {
  private final Map<String, AiClient> clients;

  /**
   * Holds the given clients.
   *
   * @param clients the clients by name
   */
  public AiClients(Map<String, AiClient> clients) {
    this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
  }

  /**
   * The client of this name.
   *
   * @param name as in {@code ailib.clients.<name>}
   * @return the client
   * @throws NoSuchElementException naming the configured names when there is none of this name
   */
  public AiClient get(String name) {
    AiClient c = clients.get(name);
    if (c == null) {
      throw new NoSuchElementException("no ai-lib client named '" + name + "': configured (ailib.clients.<name>) are "
          + clients.keySet());
    }
    return c;
  }

  /** The configured names, in the order of the properties. */
  public Set<String> names() {
    return clients.keySet();
  }

  /** The clients by name (unmodifiable). */
  public Map<String, AiClient> asMap() {
    return clients;
  }

  /** Closes every client. */
  @Override
  public void close() {
    RuntimeException first = null;
    for (AiClient c : clients.values()) {
      try {
        c.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "AiClients" + clients.keySet();
  }
}
