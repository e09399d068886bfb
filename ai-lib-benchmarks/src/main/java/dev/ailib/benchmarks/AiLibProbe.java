package dev.ailib.benchmarks;

/** Finds out, before JMH runs, whether ai-lib's client can stream from memory yet, and if not why. */
final class AiLibProbe {
  private AiLibProbe() {
  }

  /**
   * Builds the in-memory clients and streams a short recorded stream through each.
   *
   * @return null when ai-lib streams the right text, else what went wrong
   */
  static String inMemoryProblem() {
    RecordedStreams small = RecordedStreams.of(64);
    byte[] reply = small.openAiJson();
    String[][] cases = {{"openai/gpt-4o", "openai"}, {"anthropic/claude-sonnet-4-5", "anthropic"}};
    for (String[] c : cases) {
      byte[] stream = c[1].equals("openai") ? small.openAiSse() : small.anthropicSse();
      try (AiLibContender client = AiLibContender.inMemory(c[0], stream, reply)) {
        StringBuilder text = new StringBuilder();
        client.stream(text::append);
        String diff = Texts.difference(small.text(), text.toString());
        if (diff != null) {
          return c[0] + ": " + diff;
        }
      } catch (RuntimeException | LinkageError e) {
        return c[0] + ": " + LoadDriver.reason(e);
      }
    }
    return null;
  }
}
