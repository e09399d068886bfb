package dev.ailib.testkit.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.io.TempDir;

class SpecDirectoryTest {
  @TempDir
  Path spec;

  private static Function<String, String> map(String... keyValues) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m::get;
  }

  @Test
  void thePropertyWinsOverTheEnvironment() throws IOException {
    Path other = Files.createDirectory(spec.resolve("other"));
    SpecDirectory.Lookup l = SpecDirectory.lookup(map("ai.protocol.dir", spec.toString()),
        map("AI_PROTOCOL_DIR", other.toString()));
    assertThat(l.found()).isTrue();
    assertThat(l.directory()).isEqualTo(spec);
  }

  @Test
  void theEnvironmentIsUsedWhenThePropertyIsUnsetOrBlank() {
    assertThat(SpecDirectory.lookup(map(), map("AI_PROTOCOL_DIR", spec.toString())).directory()).isEqualTo(spec);
    // the build passes an empty property when nothing is configured
    assertThat(SpecDirectory.lookup(map("ai.protocol.dir", " "), map("AI_PROTOCOL_DIR", spec.toString()))
        .directory()).isEqualTo(spec);
  }

  @Test
  void nothingSetSaysWhichSettingsWereRead() {
    SpecDirectory.Lookup l = SpecDirectory.lookup(map(), map());
    assertThat(l.found()).isFalse();
    assertThat(l.problem()).contains("not set").contains("ai.protocol.dir").contains("AI_PROTOCOL_DIR");
  }

  @Test
  void aValueThatIsNotADirectoryIsReportedNotReplacedByTheOther() {
    Path missing = spec.resolve("nope");
    SpecDirectory.Lookup l = SpecDirectory.lookup(map("ai.protocol.dir", missing.toString()),
        map("AI_PROTOCOL_DIR", spec.toString()));
    assertThat(l.found()).isFalse();
    assertThat(l.problem()).contains(missing.toString()).contains("system property ai.protocol.dir")
        .contains("is not a directory");
  }

  @Test
  void aRequiredEntryMustExist() throws IOException {
    SpecDirectory.Lookup l = SpecDirectory.lookup(map(), map("AI_PROTOCOL_DIR", spec.toString()),
        "tests/compliance/cases");
    assertThat(l.problem()).contains("environment variable AI_PROTOCOL_DIR").contains("has no tests/compliance/cases");
    Files.createDirectories(spec.resolve("tests/compliance/cases"));
    assertThat(SpecDirectory.lookup(map(), map("AI_PROTOCOL_DIR", spec.toString()), "tests/compliance/cases")
        .directory()).isEqualTo(spec);
  }

  @Test
  void requiredOnlyWhenTheFlagIsTrue() {
    assertThat(SpecDirectory.required(map())).isFalse();
    assertThat(SpecDirectory.required(map("ailib.spec.required", "false"))).isFalse();
    assertThat(SpecDirectory.required(map("ailib.spec.required", "true"))).isTrue();
    assertThat(SpecDirectory.required(map("ailib.spec.required", " TRUE "))).isTrue();
  }

  @Test
  void aMissingDirectorySkipsWithOneLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConditionEvaluationResult r = SpecDirectoryCondition.decide("PublishedThingsTest",
        SpecDirectory.lookup(map(), map()), false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(r.isDisabled()).isTrue();
    assertThat(r.getReason()).hasValueSatisfying(reason -> assertThat(reason).contains("AI_PROTOCOL_DIR"));
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).singleElement().satisfies(line ->
        assertThat(line).startsWith("SKIPPED PublishedThingsTest: ").contains("not set"));
  }

  @Test
  void aMissingDirectoryFailsWhenRequired() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertThatThrownBy(() -> SpecDirectoryCondition.decide("PublishedThingsTest",
        SpecDirectory.lookup(map(), map()), true, new PrintStream(bytes, true, StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("PublishedThingsTest: ")
        .hasMessageContaining("ailib.spec.required=true")
        .hasMessageContaining("AI_PROTOCOL_DIR");
    assertThat(bytes.size()).as("nothing printed: the failure is the message").isZero();
  }

  @Test
  void aFoundDirectoryRunsTheTests() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConditionEvaluationResult r = SpecDirectoryCondition.decide("PublishedThingsTest",
        SpecDirectory.lookup(map(), map("AI_PROTOCOL_DIR", spec.toString())), true,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(r.isDisabled()).isFalse();
    assertThat(bytes.size()).isZero();
  }
}
