package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatStream;
import dev.ailib.api.Message;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.ToolRunEvent;
import dev.ailib.api.ToolRunResult;
import dev.ailib.api.ToolRunStream;
import dev.ailib.api.ToolSet;
import dev.ailib.api.Tools;
import dev.ailib.api.error.RemoteException;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gemini 3 thought signatures through the public API, on the bundled Gemini manifest against the testkit's fake
 * (which answers 400 as Gemini 3 does when a signed call of the current turn comes back without its signature):
 * {@link ToolCall#signature()} holds what the server sent, whole and streamed, and every way of continuing the
 * conversation (the answer's message appended, the tool runner in both forms) sends it back on the same
 * {@code functionCall} part; a call without one sends none.
 */
class GeminiThoughtSignaturesTest {
  private static final String MODEL = "gemini/gemini-3-flash-preview";
  private static final String SIG_1 = "CsEDAb4+9vtL0yq7xXH1mZb2c3RlcC1vbmUtc2lnbmF0dXJlLWZvci10aGUtZmlyc3QtY2FsbA==";
  private static final String SIG_2 = "Cr8DAb4+9vu2ZXN0ZXAtdHdvLXNpZ25hdHVyZS1zZW50LWJhY2stdG9vLWFzLXJlY2VpdmVk";
  private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "Weather of a city",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");

  record City(String city) {
  }

  private FakeProvider fake;
  private AiClient client;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
    client = AiClient.builder().model(MODEL).baseUrl(fake.baseUrl()).apiKey(Fixtures.KEY)
        .resilience(dev.ailib.api.ResilientConfig.builder().maxRetries(0).build())
        .component(dev.ailib.core.spi.Environment.of(java.util.Map.of())).build();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  /** Two parallel calls; as Gemini 3 sends them, only the first carries a signature. */
  private static Reply parallelCalls() {
    return Reply.toolCalls(
        Reply.toolCallPart("x", "get_weather", "{\"city\":\"Paris\"}").withThoughtSignature(SIG_1),
        Reply.toolCallPart("y", "get_weather", "{\"city\":\"London\"}"));
  }

  private static ToolSet weather() {
    return Tools.builder().add("get_weather", "Weather of a city", City.class, c -> c.city() + " 18 C").build();
  }

  /** The model turn of a Gemini request: each functionCall part's name, city and signature. */
  private static List<org.assertj.core.groups.Tuple> modelParts(RecordedRequest r, int content) {
    assertThat(r.jsonAt("contents[" + content + "].role")).isEqualTo("model");
    List<org.assertj.core.groups.Tuple> out = new ArrayList<>();
    List<?> parts = (List<?>) r.jsonAt("contents[" + content + "].parts");
    for (int i = 0; i < parts.size(); i++) {
      String p = "contents[" + content + "].parts[" + i + "]";
      out.add(tuple(r.jsonAt(p + ".functionCall.name"), r.jsonAt(p + ".functionCall.args.city"),
          r.jsonAt(p + ".thoughtSignature")));
    }
    return out;
  }

  @Test
  void executeGivesTheSignatureAndTheAnswersMessageSendsItBackOnTheSamePart() {
    fake.enqueue(parallelCalls(), Reply.text("Paris 18 C, London 12 C."));
    ChatResponse first = client.chat().user("Weather in Paris and London?").tools(List.of(WEATHER)).execute();
    assertThat(first.toolCalls()).extracting(ToolCall::name, ToolCall::argumentsJson, ToolCall::signature)
        .containsExactly(tuple("get_weather", "{\"city\":\"Paris\"}", SIG_1),
            tuple("get_weather", "{\"city\":\"London\"}", null));
    assertThat(first.toolCalls().get(0).toString()).doesNotContain(SIG_1);

    ChatResponse second = client.chat().user("Weather in Paris and London?").tools(List.of(WEATHER))
        .message(first.message())
        .message(Message.tool(first.toolCalls().get(0).id(), "18 C"))
        .message(Message.tool(first.toolCalls().get(1).id(), "12 C")).execute();
    assertThat(second.content()).isEqualTo("Paris 18 C, London 12 C.");
    assertThat(modelParts(fake.requests().get(1), 1)).containsExactly(tuple("get_weather", "Paris", SIG_1),
        tuple("get_weather", "London", null));
  }

  @Test
  void aStreamGivesTheSameCallsAsExecuteAndTheyGoBackTheSameWay() {
    fake.enqueue(parallelCalls(), parallelCalls(), Reply.text("Done."));
    ChatResponse executed = client.chat().user("Weather?").tools(List.of(WEATHER)).execute();
    List<ToolCall> streamed = new ArrayList<>();
    try (ChatStream s = client.chat().user("Weather?").tools(List.of(WEATHER)).stream()) {
      for (StreamingEvent e : s) {
        if (e instanceof StreamingEvent.ToolCallEnded t) {
          streamed.add(t.call());
        }
      }
    }
    // ids: Gemini sends none, each read generates its own; all else is equal
    assertThat(streamed).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(streamed.get(i).withId("same")).isEqualTo(executed.toolCalls().get(i).withId("same"));
    }
    assertThat(streamed.get(0).signature()).isEqualTo(SIG_1);

    try (ChatStream s = client.chat().user("Weather?").tools(List.of(WEATHER))
        .message(Message.assistantToolCalls(null, streamed))
        .message(Message.tool(streamed.get(0).id(), "18 C")).message(Message.tool(streamed.get(1).id(), "12 C"))
        .stream()) {
      assertThat(s.events().filter(e -> e instanceof StreamingEvent.StreamError).toList()).isEmpty();
    }
    assertThat(modelParts(fake.requests().get(2), 1)).containsExactly(tuple("get_weather", "Paris", SIG_1),
        tuple("get_weather", "London", null));
  }

  @ParameterizedTest(name = "streamed={0}")
  @ValueSource(booleans = {false, true})
  void theToolRunnerSendsEveryStepsSignatureBack(boolean streamed) {
    // two sequential steps, each signed, then the answer: the third request carries both signatures
    fake.enqueue(parallelCalls(),
        Reply.toolCalls(Reply.toolCallPart("z", "get_weather", "{\"city\":\"Rome\"}").withThoughtSignature(SIG_2)),
        Reply.text("Paris 18 C, London 18 C, Rome 18 C."));
    ToolRunResult result;
    if (streamed) {
      try (ToolRunStream s = client.chat().user("Weather in Paris, London, then Rome?").toolSets(weather())
          .streamTools()) {
        for (ToolRunEvent e : s) {
          if (e instanceof ToolRunEvent.ModelEvent m) {
            assertThat(m.event()).isNotInstanceOf(StreamingEvent.StreamError.class);
          }
        }
        result = s.result().orElseThrow();
      }
    } else {
      result = client.chat().user("Weather in Paris, London, then Rome?").toolSets(weather()).runTools();
    }
    assertThat(result.completed()).isTrue();
    assertThat(result.response().content()).isEqualTo("Paris 18 C, London 18 C, Rome 18 C.");
    assertThat(result.rounds().get(0).executions()).extracting(x -> x.call().signature()).containsExactly(SIG_1, null);

    List<RecordedRequest> requests = fake.requests();
    assertThat(requests).hasSize(3).allSatisfy(r -> assertThat(r.streaming()).isEqualTo(streamed));
    assertThat(modelParts(requests.get(1), 1)).containsExactly(tuple("get_weather", "Paris", SIG_1),
        tuple("get_weather", "London", null));
    assertThat(modelParts(requests.get(2), 1)).containsExactly(tuple("get_weather", "Paris", SIG_1),
        tuple("get_weather", "London", null));
    assertThat(modelParts(requests.get(2), 3)).containsExactly(tuple("get_weather", "Rome", SIG_2));
  }

  @Test
  void aCallWithoutASignatureSendsNone() {
    fake.enqueue(Reply.toolCall("x", "get_weather", "{\"city\":\"Oslo\"}"), Reply.text("Oslo 3 C."));
    ToolRunResult result = client.chat().user("Weather in Oslo?").toolSets(weather()).runTools();
    assertThat(result.rounds().get(0).executions().get(0).call().signature()).isNull();
    assertThat(modelParts(fake.requests().get(1), 1)).containsExactly(tuple("get_weather", "Oslo", null));
    assertThat(fake.requests().get(1).body()).doesNotContain("thoughtSignature");
  }

  @Test
  void aSignedCallSentBackWithoutItsSignatureIsTheProvidersError() {
    // what every tool round trip did before signatures were kept: the fake answers as Gemini 3 does
    fake.enqueue(parallelCalls(), Reply.text("unused"));
    ChatResponse first = client.chat().user("Weather?").tools(List.of(WEATHER)).execute();
    List<ToolCall> unsigned = first.toolCalls().stream().map(c -> new ToolCall(c.id(), c.name(), c.argumentsJson()))
        .toList();
    RemoteException e = catchThrowableOfType(RemoteException.class, () -> client.chat().user("Weather?")
        .tools(List.of(WEATHER)).message(Message.assistantToolCalls(null, unsigned))
        .message(Message.tool(unsigned.get(0).id(), "18 C")).message(Message.tool(unsigned.get(1).id(), "12 C"))
        .execute());
    assertThat(e).isNotNull();
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.getMessage()).contains("missing a thought_signature");
  }
}
