package dev.ailib.core.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.Version;
import dev.ailib.core.internal.discovery.JacksonVersionCheck.Artifact;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JacksonVersionCheckTest {
  private static Artifact at(int major, int minor, int patch, String snapshot) {
    return new Artifact(new Version(major, minor, patch, snapshot, "com.fasterxml.jackson.core", "jackson-core"),
        "file:/libs/jackson-" + major + "." + minor + "." + patch + ".jar");
  }

  @Test
  void anOlderJacksonIsNamedWithItsVersionJarAndTheVersionNeeded() {
    String problem = JacksonVersionCheck.problem(Map.of("jackson-core", at(2, 15, 2, null),
        "jackson-databind", at(2, 15, 2, null)), JacksonVersionCheck.MINIMUM);
    assertThat(problem)
        .contains("needs Jackson 2.16.0 or newer")
        .contains("jackson-core 2.15.2 (from file:/libs/jackson-2.15.2.jar)")
        .contains("jackson-databind 2.15.2")
        .contains("jackson-bom 2.16.0");
  }

  @Test
  void onlyTheArtifactsThatAreTooOldAreNamed() {
    String problem = JacksonVersionCheck.problem(Map.of("jackson-core", at(2, 17, 0, null),
        "jackson-databind", at(2, 14, 3, null)), JacksonVersionCheck.MINIMUM);
    assertThat(problem).contains("jackson-databind 2.14.3").doesNotContain("jackson-core 2.17.0");
  }

  @Test
  void theMinimumAndNewerPass() {
    for (Artifact ok : new Artifact[] {at(2, 16, 0, null), at(2, 16, 1, null), at(2, 23, 0, null),
        at(2, 16, 0, "SNAPSHOT"), at(3, 0, 0, null)}) {
      assertThat(JacksonVersionCheck.problem(Map.of("jackson-core", ok), JacksonVersionCheck.MINIMUM))
          .as("%s", ok.version()).isNull();
    }
  }

  @Test
  void releaseNumbersAreComparedInOrder() {
    Version min = JacksonVersionCheck.MINIMUM;
    assertThat(JacksonVersionCheck.older(new Version(1, 99, 99, null, null, null), min)).isTrue();
    assertThat(JacksonVersionCheck.older(new Version(2, 15, 99, null, null, null), min)).isTrue();
    assertThat(JacksonVersionCheck.older(new Version(2, 16, 0, null, null, null), min)).isFalse();
    assertThat(JacksonVersionCheck.older(new Version(2, 17, 0, null, null, null),
        new Version(2, 16, 5, null, null, null))).isFalse();
    assertThat(JacksonVersionCheck.older(new Version(2, 16, 4, null, null, null),
        new Version(2, 16, 5, null, null, null))).isTrue();
  }

  @Test
  void anUnknownVersionIsNotHeldAgainstTheCaller() {
    assertThat(JacksonVersionCheck.problem(Map.of("jackson-core", new Artifact(Version.unknownVersion(), null)),
        JacksonVersionCheck.MINIMUM)).isNull();
  }

  @Test
  void theJacksonOfThisBuildPasses() {
    assertThatCode(JacksonVersionCheck::requireSupported).doesNotThrowAnyException();
  }
}
