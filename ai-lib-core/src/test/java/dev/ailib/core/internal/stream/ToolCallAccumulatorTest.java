package dev.ailib.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.StreamingEvent.PartialToolCall;
import dev.ailib.api.StreamingEvent.ToolCallEnded;
import dev.ailib.api.StreamingEvent.ToolCallStarted;
import dev.ailib.api.ToolCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolCallAccumulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<StreamingEvent> out = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger generated = new java.util.concurrent.atomic.AtomicInteger();
  private final ToolCallAccumulator acc = new ToolCallAccumulator(true, () -> "gen_" + generated.incrementAndGet());

  private void frag(String json) {
    try {
      JsonNode n = JSON.readTree(json.replace('\'', '"'));
      acc.fragment(0, n, out::add);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private List<ToolCall> ended() {
    acc.flushAll(out::add);
    List<ToolCall> calls = new ArrayList<>();
    for (StreamingEvent e : out) {
      if (e instanceof ToolCallEnded) {
        calls.add(((ToolCallEnded) e).call());
      }
    }
    return calls;
  }

  @Test
  void idAndNameAreRecoveredForLaterFragments() {
    frag("{'index':0,'id':'c1','type':'function','function':{'name':'f','arguments':'{\\'a\\''}}");
    frag("{'index':0,'function':{'arguments':':1}'}}");
    assertThat(out).containsExactly(new ToolCallStarted(0, 0, "c1", "f"), new PartialToolCall(0, 0, "c1", "{'a'"
        .replace('\'', '"')), new PartialToolCall(0, 0, "c1", ":1}"));
    assertThat(ended()).containsExactly(new ToolCall("c1", "f", "{\"a\":1}"));
  }

  @Test
  void missingIndexContinuesTheLatestCall() {
    frag("{'id':'c1','function':{'name':'f','arguments':'{'}}");
    frag("{'function':{'arguments':'}'}}");
    assertThat(ended()).containsExactly(new ToolCall("c1", "f", "{}"));
  }

  @Test
  void negativeIndexIsTreatedAsMissing() {
    frag("{'index':-1,'id':'c1','function':{'name':'f','arguments':'['}}");
    frag("{'index':-1,'function':{'arguments':']'}}");
    assertThat(ended()).containsExactly(new ToolCall("c1", "f", "[]"));
  }

  @Test
  void shiftingIndexWithTheSameIdStaysOneCall() {
    frag("{'index':0,'id':'c1','function':{'name':'f','arguments':'{'}}");
    frag("{'index':3,'id':'c1','function':{'arguments':'}'}}");
    assertThat(ended()).containsExactly(new ToolCall("c1", "f", "{}"));
  }

  @Test
  void shiftingIndexWithoutIdOrNameContinuesTheLatestCall() {
    frag("{'index':0,'id':'c1','function':{'name':'f','arguments':'{'}}");
    frag("{'index':1,'function':{'arguments':'}'}}");
    assertThat(ended()).containsExactly(new ToolCall("c1", "f", "{}"));
  }

  @Test
  void aNewIdAtATakenIndexIsANewCall() {
    frag("{'index':0,'id':'c1','function':{'name':'f','arguments':'{}'}}");
    frag("{'index':0,'id':'c2','function':{'name':'g','arguments':'{}'}}");
    assertThat(ended()).containsExactly(new ToolCall("c1", "f", "{}"), new ToolCall("c2", "g", "{}"));
    assertThat(out).contains(new ToolCallStarted(0, 1, "c2", "g"));
  }

  @Test
  void missingIdsAndLateIds() {
    frag("{'index':0,'function':{'name':'f','arguments':'{'}}");
    frag("{'index':0,'id':'late','function':{'arguments':'}'}}");
    assertThat(ended()).containsExactly(new ToolCall("late", "f", "{}"));
    assertThat(out.get(0)).isEqualTo(new ToolCallStarted(0, 0, null, "f"));
  }

  @Test
  void parallelCallsByIndex() {
    frag("{'index':0,'id':'a','function':{'name':'f','arguments':''}}");
    frag("{'index':1,'id':'b','function':{'name':'g','arguments':''}}");
    frag("{'index':1,'function':{'arguments':'{\\'y\\':2}'}}");
    frag("{'index':0,'function':{'arguments':'{\\'x\\':1}'}}");
    assertThat(ended()).containsExactly(new ToolCall("a", "f", "{\"x\":1}"), new ToolCall("b", "g", "{\"y\":2}"));
  }

  @Test
  void wholeCallsWithObjectArgumentsGetGeneratedIdsWhenTheyComplete() {
    frag("{'name':'f','args':{'x':1}}");
    frag("{'name':'f','args':{'x':2}}");
    assertThat(out.get(0)).isEqualTo(new ToolCallStarted(0, 0, null, "f")); // no id on the wire, none invented yet
    assertThat(ended()).containsExactly(new ToolCall("gen_1", "f", "{\"x\":1}"), new ToolCall("gen_2", "f",
        "{\"x\":2}"));
  }

  @Test
  void anIdGeneratorGivesEveryCallItsIdFromTheFirstEvent() {
    JsonNode call = json("{'name':'f','args':{'x':1}}");
    acc.fragment(0, call, () -> "start_1", out::add);
    assertThat(out).containsExactly(new ToolCallStarted(0, 0, "start_1", "f"),
        new PartialToolCall(0, 0, "start_1", "{\"x\":1}"));
    assertThat(ended()).containsExactly(new ToolCall("start_1", "f", "{\"x\":1}"));
  }

  private static JsonNode json(String json) {
    try {
      return JSON.readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void lateFragmentsOfACompletedCallAreIgnored() {
    frag("{'index':0,'id':'c1','function':{'name':'f','arguments':'{}'}}");
    acc.flush(0, out::add);
    frag("{'index':0,'id':'c1','function':{'arguments':'junk'}}");
    frag("{'index':0,'function':{'arguments':'junk'}}");
    assertThat(ended()).containsExactly(new ToolCall("c1", "f", "{}"));
  }

  @Test
  void emptyAndNonObjectFragmentsDoNothing() {
    frag("[]");
    frag("{'index':0}");
    acc.fragment(0, (JsonNode) null, out::add);
    assertThat(out).isEmpty();
  }

  @Test
  void candidatesAreSeparate() {
    acc.fragment(0, 0, "a", "f", "{", out::add);
    acc.fragment(1, 0, "b", "g", "[", out::add);
    acc.fragment(1, 0, null, null, "]", out::add);
    acc.fragment(0, 0, null, null, "}", out::add);
    acc.flush(1, out::add);
    assertThat(out).contains(new ToolCallEnded(1, 0, new ToolCall("b", "g", "[]")));
    assertThat(acc.hasOpenCalls()).isTrue();
    assertThat(ended()).containsExactly(new ToolCall("b", "g", "[]"), new ToolCall("a", "f", "{}"));
  }

  @Test
  void withoutStatefulParsingNoEndedEvents() {
    ToolCallAccumulator plain = new ToolCallAccumulator(false);
    plain.fragment(0, 0, "a", "f", "{}", out::add);
    plain.flushAll(out::add);
    assertThat(out).containsExactly(new ToolCallStarted(0, 0, "a", "f"), new PartialToolCall(0, 0, "a", "{}"));
    assertThat(plain.completed()).containsExactly(new ToolCall("a", "f", "{}"));
  }
}
