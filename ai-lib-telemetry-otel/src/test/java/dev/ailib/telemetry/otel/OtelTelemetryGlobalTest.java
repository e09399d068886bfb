package dev.ailib.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ailib.core.spi.telemetry.CallInfo;
import io.opentelemetry.api.GlobalOpenTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A listener on the global never registers it: an application (or the Java agent) that registers its SDK after the
 * first call must still be able to, and its SDK then gets the calls.
 */
class OtelTelemetryGlobalTest {
  private final OtelHarness otel = new OtelHarness();

  @BeforeEach
  @AfterEach
  void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  @AfterEach
  void close() {
    otel.close();
  }

  private static void oneCall(OtelTelemetry telemetry) {
    CallInfo call = Calls.call("openai", "gpt-4o", false);
    telemetry.callStart(call);
    telemetry.callEnd(call, Calls.outcome("gpt-4o", "r1", "end_turn", Calls.USAGE, 5, 1));
  }

  @Test
  void callsBeforeAGlobalIsRegisteredLeaveItUnsetAndTheFirstCallAfterBindsToIt() {
    OtelTelemetry telemetry = new OtelTelemetry();
    oneCall(telemetry);
    oneCall(telemetry);
    assertThat(GlobalOtel.canTellUnset()).as("the API in this build has GlobalOpenTelemetry.isSet()").isTrue();
    assertThat(GlobalOpenTelemetry.isSet()).as("the listener did not register the no-op as the global").isFalse();

    assertThatCode(() -> GlobalOpenTelemetry.set(otel.sdk)).as("the application can still register its SDK")
        .doesNotThrowAnyException();
    oneCall(telemetry);
    assertThat(otel.onlySpan().getName()).isEqualTo("chat gpt-4o");
  }

  @Test
  void aListenerOnAnInstanceNeverLooksAtTheGlobal() {
    OtelTelemetry telemetry = new OtelTelemetry(otel.sdk);
    oneCall(telemetry);
    assertThat(otel.onlySpan().getName()).isEqualTo("chat gpt-4o");
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
  }

  @Test
  void theDiscoveredListenerLeavesTheGlobalUnsetToo() {
    OtelTelemetry telemetry = (OtelTelemetry) new OtelTelemetryProvider(name -> null).create();
    oneCall(telemetry);
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
    assertThat(telemetry.callsInFlight()).isZero();
  }
}
