package dev.ailib.api.error;

/**
 * A place in a manifest or other input file.
 *
 * @param file the file or resource name
 * @param line 1-based line, or -1 when unknown
 * @param column 1-based column, or -1 when unknown
 * @param field the field path, such as {@code streaming.event_map[2].match}, or null
 */
public record SourceLocation(String file, int line, int column, String field) {

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(file == null ? "<unknown>" : file);
    if (line > 0) {
      b.append(':').append(line);
      if (column > 0) {
        b.append(':').append(column);
      }
    }
    if (field != null && !field.isEmpty()) {
      b.append(" (field ").append(field).append(')');
    }
    return b.toString();
  }
}
