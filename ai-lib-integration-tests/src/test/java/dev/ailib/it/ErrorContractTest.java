package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequestBuilder;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.StructuredOutputException;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The error contract (issue 21, R7) through the public API: a mistake in the calling code fails at once, in the
 * method that took the argument, with {@code NullPointerException}, {@code IllegalArgumentException} or
 * {@code IllegalStateException} naming the argument; it sends nothing and starts no call. Everything that depends
 * on the provider, the manifest, the environment or the answer is an {@link AiLibException}.
 */
class ErrorContractTest {
  private FakeProvider fake;
  private final AtomicInteger callsStarted = new AtomicInteger();
  private AiClient client;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
    client = Fixtures.builder(fake, Family.OPENAI).telemetry(new TelemetryListener() {
      @Override
      public void callStart(CallInfo call) {
        callsStarted.incrementAndGet();
      }
    }).build();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  /** Nothing reached the provider and no call was started (no telemetry). */
  private void assertNothingSent() {
    assertThat(fake.requestCount()).as("requests that reached the provider").isZero();
    assertThat(callsStarted.get()).as("calls started").isZero();
  }

  /** The exception's own stack frame names the public method that took the argument, not an internal one. */
  private static void assertThrownByTheApi(Throwable t) {
    assertThat(t.getStackTrace()[0].getClassName()).startsWith("dev.ailib.api.");
    for (Throwable c = t; c != null; c = c.getCause()) {
      assertThat(c.getClass().getName()).doesNotContain("jackson");
      assertThat(String.valueOf(c.getMessage())).doesNotContain("jackson").doesNotContain("Cannot invoke");
    }
  }

  private static NullPointerException npe(Executable e) {
    Throwable t = catchThrowable(e::execute);
    assertThat(t).isInstanceOf(NullPointerException.class);
    assertThrownByTheApi(t);
    return (NullPointerException) t;
  }

  @Test
  void aNullArgumentFailsInTheMethodThatTookItNamingTheArgument() {
    // the case: stream((CancelToken) null) said "userToken is null" from inside the engine
    assertThat(npe(() -> client.chat().user("hi").stream((CancelToken) null))).hasMessage("cancel must not be null");
    assertThat(npe(() -> client.chat().user("hi").executeWithStats(null))).hasMessage("cancel must not be null");
    assertThat(npe(() -> client.chat().user(null))).hasMessage("text must not be null");
    assertThat(npe(() -> client.chat().messages(null))).hasMessage("messages must not be null");
    assertThat(npe(() -> client.chat().messages(Arrays.asList(dev.ailib.api.Message.user("a"), null))))
        .hasMessage("messages[1] must not be null");
    assertThat(npe(() -> client.chat().stop("END", null))).hasMessage("stop[1] must not be null");
    assertThat(npe(() -> client.chat().tools(Arrays.asList((ToolDefinition) null))))
        .hasMessage("tools[0] must not be null");
    assertThat(npe(() -> client.chat().param(null, 1))).hasMessage("param name must not be null");
    assertThat(npe(() -> client.chat().user("hi").executeAs((Class<?>) null))).hasMessage("type must not be null");
    assertThat(npe(() -> AiClient.create(null))).hasMessage("model must not be null");
    assertThat(npe(() -> AiClient.builder().fallbackModels(Arrays.asList("openai/gpt-4o", null))))
        .hasMessage("fallbackModels[1] must not be null");
    assertThat(npe(() -> AiClient.builder().timeout(null))).hasMessage("timeout must not be null");
    assertNothingSent();
  }

  @Test
  void anEmptyRequestIsAnIllegalStateExceptionSayingWhatToCall() {
    ChatRequestBuilder empty = client.chat().temperature(0.5);
    assertThatThrownBy(empty::execute).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least one message").hasMessageContaining("user(...)");
    assertThatThrownBy(empty::stream).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least one message");
    assertThatThrownBy(empty::executeAsync).as("thrown at once, not in the future")
        .isInstanceOf(IllegalStateException.class);
    assertNothingSent();
  }

  @Test
  void iteratingAStreamTwiceIsAnIllegalStateExceptionAndTheFirstIterationGoesOn() {
    fake.enqueue(Reply.streamedText("one ", "two"));
    try (ChatStream stream = client.chat().user("count").stream()) {
      Iterator<StreamingEvent> first = stream.iterator();
      assertThatThrownBy(stream::iterator).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("iterated once");
      assertThatThrownBy(() -> stream.events().count()).isInstanceOf(IllegalStateException.class);
      StringBuilder text = new StringBuilder();
      first.forEachRemaining(e -> {
        if (e.isContentDelta()) {
          text.append(e.asContentDelta().text());
        }
      });
      assertThat(text).hasToString("one two");
    }
  }

  @Test
  void aParamValueThatIsNotJsonIsRefusedNamingTheParameterAndTheType() {
    Throwable t = catchThrowable(() -> client.chat().user("hi").param("x", new Object()));
    assertThat(t).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("param 'x'").hasMessageContaining("java.lang.Object")
        .hasMessageContaining("not a JSON value");
    assertThrownByTheApi(t);
    Map<String, Object> nested = Map.of("filters", List.of(Map.of("field", "a"), Map.of("when", Thread.State.NEW)));
    assertThatThrownBy(() -> client.chat().param("search", nested)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("param 'search' at $.filters[1].when").hasMessageContaining("java.lang.Thread$State");
    assertThatThrownBy(() -> client.chat().param("seed", Double.NaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("param 'seed'").hasMessageContaining("NaN");
    assertThatThrownBy(() -> client.chat().param("m", Map.of(1, "a"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("param 'm'").hasMessageContaining("key 1");
    assertNothingSent();
  }

  @Test
  void aJsonParamValueIsCopiedAndSentAsJson() {
    fake.enqueue(Reply.text("ok"));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("tags", new ArrayList<>(List.of("a", "b")));
    metadata.put("weights", new int[] {1, 2});
    metadata.put("none", null);
    ChatRequestBuilder b = client.chat().user("hi").param("metadata", metadata);
    metadata.put("late", "changed after param(...)");
    assertThat(b.execute().content()).isEqualTo("ok");
    String body = fake.takeRequest().body();
    assertThat(body).contains("\"metadata\":{\"tags\":[\"a\",\"b\"],\"weights\":[1,2],\"none\":null}")
        .doesNotContain("late");
  }

  @Test
  void aSelfReferencingOrTooDeepValueIsRefusedWithoutAStackOverflow() {
    Map<String, Object> self = new HashMap<>();
    self.put("me", self);
    assertThatThrownBy(() -> client.chat().param("loop", self)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("param 'loop' at $.me").hasMessageContaining("contains itself");
    assertThatThrownBy(() -> ToolDefinition.of("t", "d", self)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tool 't': parametersSchema at $.me").hasMessageContaining("contains itself");
    List<Object> deep = new ArrayList<>();
    List<Object> level = deep;
    for (int i = 0; i < 5_000; i++) {
      List<Object> next = new ArrayList<>();
      level.add(next);
      level = next;
    }
    assertThatThrownBy(() -> client.chat().param("deep", deep)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("param 'deep'").hasMessageContaining("nested deeper than 100 levels");
    // a value shared twice (not a cycle) is fine
    List<String> shared = List.of("x");
    client.chat().param("twice", Map.of("a", shared, "b", shared));
    assertNothingSent();
  }

  @Test
  void badModelStringsAreIllegalArgumentsNamingTheSettingButAnUnknownProviderIsAProtocolException() {
    assertThatThrownBy(() -> AiClient.create("gpt-4o")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model must be 'provider/model', such as 'openai/gpt-4o', was 'gpt-4o'");
    assertThatThrownBy(() -> AiClient.builder().fallbackModels(List.of("openai/gpt-4o", "claude")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fallbackModels[1]")
        .hasMessageContaining("'claude'");
    // a well-formed model the manifests do not know depends on the manifests: an AiLibException
    AiLibException unknown = (AiLibException) catchThrowable(() -> Fixtures.builder(fake, Family.OPENAI)
        .model("nosuchprovider/x").build());
    assertThat(unknown).isInstanceOf(ProtocolException.class).hasMessageContaining("unknown provider 'nosuchprovider'");
    assertThat(unknown.errorType()).isEqualTo(StandardErrorCode.INVALID_REQUEST);
  }

  @Test
  void valuesWrongInThemselvesAreIllegalArgumentsAtTheSetter() {
    assertThatThrownBy(() -> client.chat().maxTokens(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTokens must be at least 1, was 0");
    assertThatThrownBy(() -> client.chat().temperature(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("temperature must be a finite number, was NaN");
    assertThatThrownBy(() -> AiClient.builder().baseUrl("ftp://user:hunter2@gateway.example/v1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> AiClient.builder().baseUrl("http:/no-host")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must name a host");
    assertThatThrownBy(() -> dev.ailib.api.ResponseFormat.jsonSchema("answer", "{not json"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema 'answer' is not valid JSON");
    assertNothingSent();
  }

  @Test
  void whatDependsOnTheProviderTheEnvironmentOrTheAnswerIsAnAiLibException() {
    // a value in the manifest's range: the provider's rule, checked before sending
    assertThatThrownBy(() -> client.chat().user("hi").temperature(7.5).execute())
        .isInstanceOf(ProtocolException.class).hasMessageContaining("out of range");
    // an environment variable: not the code's value
    assertThatThrownBy(() -> AiClient.builder().model("openai/gpt-4o").baseUrl(fake.baseUrl()).apiKey(Fixtures.KEY)
        .component(Environment.of(Map.of("AI_LIB_RPS", "fast"))).build())
        .isInstanceOf(ProtocolException.class).hasMessageContaining("AI_LIB_RPS").hasMessageContaining("'fast'");
    assertNothingSent();
    // the provider's error
    fake.enqueue(Reply.error(401));
    assertThatThrownBy(() -> client.chat().user("hi").execute()).isInstanceOf(RemoteException.class);
    // the model's tool-call arguments that are not JSON: the answer's fault
    fake.enqueue(Reply.toolCall("call_1", "lookup", "{\"city\": "));
    ToolCall call = client.chat().user("hi").execute().toolCalls().get(0);
    assertThatThrownBy(call::arguments).isInstanceOf(StructuredOutputException.class)
        .hasMessageContaining("tool call 'lookup' (id call_1)").hasMessageContaining("not valid JSON");
  }
}
