package dev.ailib.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.ChatRequest;
import dev.ailib.api.Message;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.codec.TestManifests;
import dev.ailib.core.internal.codec.WireParam;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterCheckerTest {
  private final ProviderManifest chat = TestManifests.chat("http://x");

  private static ChatRequest req(Double temperature, Integer maxTokens, Double topP, Map<String, Object> extras) {
    return new ChatRequest(List.of(Message.user("hi")), temperature, maxTokens, topP, List.of(), List.of(), null, null,
        extras);
  }

  @Test
  void outOfRangeNamesParameterValueAndRange() {
    assertThatThrownBy(() -> ParameterChecker.check(req(3.5, null, null, null), chat, null))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("parameter 'temperature'")
        .hasMessageContaining("3.5")
        .hasMessageContaining("allowed [0, 2]")
        .hasMessageContaining("'acme'")
        .hasMessageContaining("parameters.temperature")
        .satisfies(e -> assertThat(((ProtocolException) e).errorType()).isEqualTo(StandardErrorCode.INVALID_REQUEST));
  }

  @Test
  void mapsToProviderNameAndSaysSoInErrors() {
    List<WireParam> p = ParameterChecker.check(req(null, 100, null, null), chat, null);
    assertThat(p).containsExactly(new WireParam("max_tokens", "max_completion_tokens", 100, true));
    assertThatThrownBy(() -> ParameterChecker.check(req(null, 0, null, null), chat, null))
        .hasMessageContaining("(sent as 'max_completion_tokens')").hasMessageContaining("allowed [1, 128000]");
  }

  @Test
  void modelOutputLimitIsEnforced() {
    assertThatThrownBy(() -> ParameterChecker.check(req(null, 5000, null, null), chat, chat.model("m1").orElseThrow()))
        .hasMessageContaining("output limit of model 'm1'").hasMessageContaining("[1, 4096]");
  }

  @Test
  void aliasesResolveToTheDeclaredName() {
    ProviderManifest gen = TestManifests.generate("http://x");
    List<WireParam> p = ParameterChecker.check(req(null, 10, 0.5, null), gen, null);
    assertThat(p).containsExactly(new WireParam("maxOutputTokens", "maxOutputTokens", 10, true),
        new WireParam("topP", "topP", 0.5, true));
    assertThatThrownBy(() -> ParameterChecker.check(req(null, null, 1.5, null), gen, null))
        .hasMessageContaining("parameter 'top_p' (sent as 'topP')");
  }

  @Test
  void typesAreChecked() {
    assertThatThrownBy(() -> ParameterChecker.check(req(null, null, null, Map.of("seed", 1.5)), chat, null))
        .hasMessageContaining("'seed'").hasMessageContaining("integer").hasMessageContaining("1.5");
    assertThatThrownBy(() -> ParameterChecker.check(req(null, null, null, Map.of("temperature", "hot")), chat, null))
        .hasMessageContaining("'temperature'").hasMessageContaining("float");
  }

  @Test
  void unknownExtrasAreSentAsGiven() {
    List<WireParam> p = ParameterChecker.check(req(null, null, null, Map.of("user", "u1")), chat, null);
    assertThat(p).containsExactly(new WireParam("user", null, "u1", false));
  }

  @Test
  void requiredDefaultsAreSent() {
    ProviderManifest m = TestManifests.messages("http://x");
    ProviderManifest withDefault = m.toBuilder()
        .parameters(Map.of("max_tokens", dev.ailib.core.spi.manifest.ParameterSpec.builder().name("max_tokens")
            .type("integer").min(1.0).max(8192.0).defaultValue(1024).required(true).build()))
        .build();
    assertThat(ParameterChecker.check(req(null, null, null, null), withDefault, null))
        .containsExactly(new WireParam("max_tokens", "max_tokens", 1024, true));
  }
}
