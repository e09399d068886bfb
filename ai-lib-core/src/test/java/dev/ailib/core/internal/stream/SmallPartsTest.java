package dev.ailib.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Emit names (usage, finish reasons and errors are tested in {@code internal.response}). */
class SmallPartsTest {
  @Test
  void emitNames() {
    assertThat(EmitNames.kind("PartialContentDelta")).isPresent();
    assertThat(EmitNames.kind("partial_tool_call")).isPresent();
    assertThat(EmitNames.kind("UsageReport")).isPresent();
    assertThat(EmitNames.kind("Bogus")).isEmpty();
  }
}
