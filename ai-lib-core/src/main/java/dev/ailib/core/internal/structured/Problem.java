package dev.ailib.core.internal.structured;

/**
 * One thing wrong with an answer.
 *
 * @param path where, as a JSON path such as {@code $.address.city} ({@code $} for the whole answer)
 * @param message what, such as {@code string found, integer expected}
 */
record Problem(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
