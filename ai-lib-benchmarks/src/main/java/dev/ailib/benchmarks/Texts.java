package dev.ailib.benchmarks;

/** Checks that a client reassembled exactly the expected text. */
final class Texts {
  private Texts() {
  }

  /**
   * Fails unless the texts are equal, naming the client and the first difference.
   *
   * @param who the client
   * @param expected the recorded text
   * @param actual what the client produced
   */
  static void requireSame(String who, String expected, String actual) {
    String diff = difference(expected, actual);
    if (diff != null) {
      throw new IllegalStateException(who + " produced different text: " + diff);
    }
  }

  /**
   * Describes where two texts differ.
   *
   * @param expected the recorded text
   * @param actual what the client produced
   * @return null when equal, else a description
   */
  static String difference(String expected, String actual) {
    if (expected.equals(actual)) {
      return null;
    }
    int i = 0;
    int n = Math.min(expected.length(), actual.length());
    while (i < n && expected.charAt(i) == actual.charAt(i)) {
      i++;
    }
    return "length " + actual.length() + " (expected " + expected.length() + "), first difference at char " + i
        + ": expected '" + excerpt(expected, i) + "', got '" + excerpt(actual, i) + "'";
  }

  private static String excerpt(String s, int at) {
    return s.substring(Math.min(at, s.length()), Math.min(at + 20, s.length())).replace("\n", "\\n");
  }
}
