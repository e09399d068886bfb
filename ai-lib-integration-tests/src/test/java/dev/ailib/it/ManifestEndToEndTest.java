package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.api.ChatRequestBuilder;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatStream;
import dev.ailib.api.FinishReason;
import dev.ailib.api.Message;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.ParameterSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import dev.ailib.core.spi.protocol.ProtocolSource;
import dev.ailib.core.spi.protocol.ProtocolSourceConfig;
import dev.ailib.protocol.yaml.ManifestLoader;
import dev.ailib.protocol.yaml.YamlProtocolSourceProvider;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import dev.ailib.testkit.spec.SpecDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every manifest found, driven through the public API against {@link FakeProvider} in the manifest's wire style: the
 * bundled set always (with no environment variable: keys and base URLs from code), and the published v1 and v2 sets
 * of the AI-Protocol specification when {@code AI_PROTOCOL_DIR} names it (this part is a published-manifest test). Each
 * manifest runs five parts: chat, stream, a tool call, a streamed tool call, and tool round trips (after either); every
 * request is checked (method, path with {@code {model}} filled, auth as declared, the model without the provider
 * prefix, parameter names as the manifest maps them). A capability the manifest does not declare must be refused
 * before any request instead.
 *
 * <p>Prints {@code manifest e2e: N work, N partial, N refused} and every manifest that does not work, with the reason.
 * Fails on any partial (a manifest that loads and declares chat but does not work in every part), on a bundled
 * manifest that does not work, and on a refusal that is neither a non-chat manifest nor a wire format refused with
 * its value and field named.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ManifestEndToEndTest {
  private static final String KEY = "sk-e2e-7c1d";
  private static final ToolDefinition WEATHER = ToolDefinition.of("get_weather", "The weather in a city",
      Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));

  private static final Reply.Usage USAGE = Reply.Usage.of(11, 7);

  private enum Verdict { WORK, PARTIAL, REFUSED }

  /** One manifest to run: its set, its provider id, the directory to load it from (null for bundled). */
  private record Case(String set, String id, Path file) {
    String label() {
      return set + "/" + id;
    }
  }

  private record Outcome(Case c, Verdict verdict, String reason) {
  }

  /** A failed check of one part. */
  private static final class PartFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PartFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @TempDir
  Path temp;

  @Test
  void everyManifestWorksInEveryPart() throws IOException {
    List<Case> cases = new ArrayList<>();
    ProtocolSource bundled = new YamlProtocolSourceProvider().create(
        new ProtocolSourceConfig(null, Environment.of(Map.of())));
    for (String id : new TreeSet<>(bundled.providerIds())) {
      if (bundled.manifest(id).orElseThrow().id().equals(id)) { // skip provider aliases (google for gemini)
        cases.add(new Case("bundled", id, null));
      }
    }
    SpecDirectory.Lookup spec = SpecDirectory.lookup("v1/providers", "v2/providers");
    if (spec.found()) {
      for (String set : List.of("v1", "v2")) {
        try (Stream<Path> files = Files.list(spec.directory().resolve(set).resolve("providers"))) {
          files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> cases.add(new Case(set,
              f.getFileName().toString().replaceFirst("\\.yaml$", ""), f)));
        }
      }
    } else if (SpecDirectory.required()) {
      throw new AssertionError(spec.problem() + "; the published manifests are required (ailib.spec.required)");
    } else {
      System.out.println("manifest e2e: published manifests not run: " + spec.problem());
    }

    List<Outcome> outcomes = new ArrayList<>();
    for (Case c : cases) {
      outcomes.add(run(c, bundled));
    }
    long work = outcomes.stream().filter(o -> o.verdict() == Verdict.WORK).count();
    long partial = outcomes.stream().filter(o -> o.verdict() == Verdict.PARTIAL).count();
    long refused = outcomes.stream().filter(o -> o.verdict() == Verdict.REFUSED).count();
    System.out.println("manifest e2e: " + work + " work, " + partial + " partial, " + refused + " refused");
    for (Outcome o : outcomes) {
      if (o.verdict() == Verdict.WORK && !o.reason().isEmpty()) {
        System.out.println("manifest e2e work " + o.c().label() + " (" + o.reason() + ")");
      } else if (o.verdict() != Verdict.WORK) {
        System.out.println("manifest e2e " + o.verdict().name().toLowerCase(Locale.ROOT) + " " + o.c().label() + ": "
            + o.reason());
      }
    }
    assertThat(outcomes).filteredOn(o -> o.verdict() == Verdict.PARTIAL).as("partial manifests")
        .extracting(o -> o.c().label() + ": " + o.reason()).isEmpty();
    // a bundled manifest of embeddings and rerank only (jina) is no chat API: its operations have their own tests
    assertThat(outcomes).filteredOn(o -> o.c().set().equals("bundled") && o.verdict() != Verdict.WORK
        && !(o.verdict() == Verdict.REFUSED && o.reason().startsWith("not a chat API")))
        .as("bundled manifests that do not work with no environment variable set")
        .extracting(o -> o.c().label() + ": " + o.reason()).isEmpty();
    assertThat(outcomes.stream().filter(o -> o.c().set().equals("bundled")).count()).isGreaterThanOrEqualTo(15);
  }

  // ---------------------------------------------------------------- one manifest

  private Outcome run(Case c, ProtocolSource bundled) throws IOException {
    ProviderManifest m;
    Path dir = null;
    try {
      if (c.file() == null) {
        m = bundled.manifest(c.id()).orElseThrow();
      } else {
        m = ManifestLoader.create().load(c.file()).manifest();
        dir = Files.createDirectories(temp.resolve(c.set() + "-" + c.id()));
        Files.copy(c.file(), dir.resolve(m.id() + ".yaml"));
      }
    } catch (AiLibException e) {
      return new Outcome(c, Verdict.PARTIAL, "does not load: " + e.getMessage());
    }
    Optional<String> notChat = notChat(m);
    if (notChat.isPresent()) {
      return new Outcome(c, Verdict.REFUSED, "not a chat API: " + notChat.get());
    }
    try (FakeProvider fake = FakeProvider.start()) {
      Target t = new Target(m, model(m), basePath(m));
      AiClient client;
      try {
        client = builder(fake, t, dir).build();
      } catch (ProtocolException e) {
        if (m.wireStyle() == WireStyle.UNSUPPORTED && namesValueAndField(e.getMessage())) {
          return new Outcome(c, Verdict.REFUSED, e.getMessage());
        }
        return new Outcome(c, Verdict.PARTIAL, "build: " + e.getMessage());
      }
      List<String> notes = new ArrayList<>();
      try (client) {
        chat(client, fake, t);
        stream(client, fake, t, notes);
        tools(client, fake, t, notes);
      } catch (PartFailure f) {
        return new Outcome(c, Verdict.PARTIAL, f.getMessage());
      }
      return new Outcome(c, Verdict.WORK, String.join("; ", notes));
    }
  }

  /** What one manifest's requests must look like. */
  private record Target(ProviderManifest manifest, String model, String basePath) {
    String provider() {
      return manifest.id();
    }
  }

  /**
   * Why a manifest is not a chat API, if it is not: its required capabilities (v2) name neither text nor chat, or it
   * has no chat endpoint (no chat path, no endpoint named like chat, and endpoints of other operations only; a
   * manifest with no endpoints at all chats on its wire style's default path).
   */
  private static Optional<String> notChat(ProviderManifest m) {
    var caps = m.capabilities();
    if (!caps.required().isEmpty() && !caps.declares("text") && !caps.declares("chat")) {
      return Optional.of("its capabilities are " + new TreeSet<>(caps.required()) + " / "
          + new TreeSet<>(caps.optional()) + ", no text or chat");
    }
    var others = m.endpoint().otherPaths().keySet();
    boolean chatNamed = others.stream().anyMatch(k -> k.contains("chat"));
    boolean otherOperations = others.stream().anyMatch(k -> !k.equals("list_models") && !k.equals("models"));
    if (m.endpoint().chatPath() == null && !chatNamed && otherOperations) {
      return Optional.of("it has no chat endpoint, only " + new TreeSet<>(others));
    }
    return Optional.empty();
  }

  /** Whether an unsupported-format error names the value it found and its field. */
  private static boolean namesValueAndField(String message) {
    return message.matches("(?s).*'[^']+' in field [a-z_.]+.*");
  }

  /**
   * A listed model, the first in name order that takes temperature (its {@code sampling_parameters} do not leave it
   * out), else the first; a manifest without a list accepts any id.
   */
  private static String model(ProviderManifest m) {
    List<String> ids = new ArrayList<>(new TreeSet<>(m.models().keySet()));
    return ids.stream().filter(id -> !m.models().get(id).capabilities().contains("embeddings")
        && !m.models().get(id).capabilities().contains("rerank")) // embedding and rerank models serve no chat
        .filter(id -> m.models().get(id).samplingParameters() == null
        || m.models().get(id).samplingParameters().contains("temperature")).findFirst()
        .orElse(ids.isEmpty() ? "e2e-model" : ids.get(0));
  }

  /** The path of the manifest's base URL, placeholders included as text (the fake accepts any prefix). */
  private static String basePath(ProviderManifest m) {
    String url = m.endpoint().baseUrl().replaceAll("\\$\\{[^}]*}", "var");
    String path = URI.create(url).getRawPath();
    return path == null ? "" : path.replaceAll("/+$", "");
  }

  private static AiClientBuilder builder(FakeProvider fake, Target t, Path dir) {
    AiClientBuilder b = AiClient.builder().model(t.provider() + "/" + t.model())
        .baseUrl(fake.baseUrl() + t.basePath()).apiKey(KEY)
        .resilience(ResilientConfig.builder().maxRetries(0).build())
        .component(Environment.of(Map.of()));
    return dir == null ? b : b.protocolDir(dir);
  }

  // ---------------------------------------------------------------- parts

  private static ChatRequestBuilder withParams(AiClient client, Target t) {
    ChatRequestBuilder b = client.chat().user("What is the weather in Paris?").maxTokens(64);
    if (acceptsTemperature(t)) {
      b.temperature(0.5);
    }
    return b;
  }

  /** Temperature is sent when the manifest declares it with 0.5 in range and the model takes it. */
  private static boolean acceptsTemperature(Target t) {
    ParameterSpec p = parameter(t.manifest(), "temperature");
    var spec = t.manifest().models().get(t.model());
    boolean modelTakesIt = spec == null || spec.samplingParameters() == null
        || spec.samplingParameters().contains("temperature");
    return p != null && modelTakesIt && (p.min() == null || p.min() <= 0.5) && (p.max() == null || p.max() >= 0.5);
  }

  private static void chat(AiClient client, FakeProvider fake, Target t) {
    fake.enqueue(Reply.text("e2e answer").usage(USAGE));
    ChatResponse r = part("chat", () -> withParams(client, t).execute());
    RecordedRequest req = fake.takeRequest();
    check("chat", req, t, false);
    expect("chat", "usage 11 in, 7 out, was " + r.usage(), r.usage().promptTokens() == 11
        && r.usage().completionTokens() == 7);
    expect("chat", "content 'e2e answer', was '" + r.content() + "'", r.content().equals("e2e answer"));
    expect("chat", "finish reason end_turn, was " + r.finishReason(), r.finishReason() == FinishReason.END_TURN);
  }

  private static void stream(AiClient client, FakeProvider fake, Target t, List<String> notes) {
    if (!declares(t, "streaming")) {
      refusedBeforeSending("stream", fake, () -> drain(withParams(client, t).stream()));
      notes.add("streaming not declared (refused before sending)");
      return;
    }
    fake.enqueue(Reply.streamedText("e2e ", "stream").usage(USAGE));
    List<StreamingEvent> events = part("stream", () -> drain(withParams(client, t).stream()));
    RecordedRequest req = fake.takeRequest();
    check("stream", req, t, true);
    // the fake sends usage in every format's stream, OpenAI's when asked with stream_options.include_usage
    if (req.format() != dev.ailib.testkit.fake.WireFormat.OPENAI_CHAT
        || Boolean.TRUE.equals(req.jsonAt("stream_options.include_usage"))) {
      List<dev.ailib.api.Usage> usages = events.stream().filter(e -> e instanceof StreamingEvent.UsageReport)
          .map(e -> e.asUsageReport().usage()).toList();
      expect("stream", "a UsageReport of 11 in, 7 out (the stream carried it), was " + usages, usages.stream()
          .anyMatch(u -> u.promptTokens() == 11 && u.completionTokens() == 7));
    }
    StringBuilder text = new StringBuilder();
    events.stream().filter(StreamingEvent::isContentDelta).forEach(e -> text.append(e.asContentDelta().text()));
    expect("stream", "text 'e2e stream', was '" + text + "' (events " + kinds(events) + ")",
        text.toString().equals("e2e stream"));
    StreamingEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
    expect("stream", "to end with StreamEnd[END_TURN], ended with " + last,
        last instanceof StreamingEvent.StreamEnd end && end.finishReason() == FinishReason.END_TURN);
  }

  private static void tools(AiClient client, FakeProvider fake, Target t, List<String> notes) {
    if (!declares(t, "tools")) {
      refusedBeforeSending("tool call", fake, () -> withParams(client, t).tools(List.of(WEATHER)).execute());
      notes.add("tools not declared (refused before sending)");
      return;
    }
    // a tool call, answered
    fake.enqueue(Reply.toolCall("call_e2e_1", "get_weather", "{\"city\":\"Paris\"}"));
    ChatResponse r = part("tool call", () -> withParams(client, t).tools(List.of(WEATHER)).execute());
    check("tool call", fake.takeRequest(), t, false);
    expect("tool call", "one call of get_weather with city Paris, was " + r.toolCalls(), r.toolCalls().size() == 1
        && r.toolCalls().get(0).name().equals("get_weather")
        && "Paris".equals(r.toolCalls().get(0).arguments().get("city")));
    expect("tool call", "finish reason tool_use, was " + r.finishReason(), r.finishReason() == FinishReason.TOOL_USE);
    expect("tool call", "a tool call id, was null", r.toolCalls().get(0).id() != null);
    roundTrip("tool round trip", client, fake, t, r.message(), r.toolCalls().get(0));

    if (!declares(t, "streaming")) {
      notes.add("streamed tool call not run (streaming not declared)");
      return;
    }
    fake.enqueue(Reply.toolCall("call_e2e_2", "get_weather", "{\"city\":\"Paris\"}"));
    List<StreamingEvent> events = part("streamed tool call",
        () -> drain(withParams(client, t).tools(List.of(WEATHER)).stream()));
    check("streamed tool call", fake.takeRequest(), t, true);
    List<ToolCall> calls = events.stream().filter(e -> e instanceof StreamingEvent.ToolCallEnded)
        .map(e -> e.asToolCallEnded().call()).toList();
    expect("streamed tool call", "one ToolCallEnded of get_weather with city Paris, events " + kinds(events),
        calls.size() == 1 && calls.get(0).name().equals("get_weather")
            && "Paris".equals(calls.get(0).arguments().get("city")));
    expect("streamed tool call", "a tool call id, was null", calls.get(0).id() != null);
    StreamingEvent last = events.get(events.size() - 1);
    expect("streamed tool call", "to end with StreamEnd[TOOL_USE], ended with " + last,
        last instanceof StreamingEvent.StreamEnd end && end.finishReason() == FinishReason.TOOL_USE);
    roundTrip("streamed tool round trip", client, fake, t, Message.assistantToolCalls(null, calls), calls.get(0));
  }

  /** Sends the call's result back and checks that the answer arrives and the request carried the result. */
  private static void roundTrip(String part, AiClient client, FakeProvider fake, Target t, Message assistant,
      ToolCall call) {
    fake.enqueue(Reply.text("It is sunny in Paris."));
    List<Message> history = List.of(Message.user("What is the weather in Paris?"), assistant,
        part(part, () -> Message.tool(call.id(), "{\"sky\":\"sunny-e2e\"}")));
    ChatResponse r = part(part, () -> client.chat().messages(history).tools(List.of(WEATHER)).maxTokens(64)
        .execute());
    RecordedRequest req = fake.takeRequest();
    check(part, req, t, false);
    expect(part, "the answer 'It is sunny in Paris.', was '" + r.content() + "'",
        r.content().equals("It is sunny in Paris."));
    expect(part, "the request to carry the tool result", req.body().contains("sunny-e2e"));
    expect(part, "the request to carry the call (its id " + call.id() + " or its name)",
        req.body().contains(call.id()) || t.manifest().wireStyle() == WireStyle.GEMINI_GENERATE_CONTENT
            && req.body().contains("get_weather"));
  }

  // ---------------------------------------------------------------- request checks

  private static void check(String part, RecordedRequest req, Target t, boolean streaming) {
    ProviderManifest m = t.manifest();
    expect(part, "POST, was " + req.method(), req.method().equals("POST"));
    expect(part, "a request the fake understands (path " + req.path() + ")", req.format() != null);
    String path = URLDecoder.decode(req.path(), StandardCharsets.UTF_8);
    expect(part, "the path under " + t.basePath() + ", was " + path, path.startsWith(t.basePath() + "/"));
    expect(part, "{model} filled in the path " + path, !path.contains("{") && !path.contains("}"));
    String template = streaming && m.endpoint().streamChatPath() != null ? m.endpoint().streamChatPath()
        : m.endpoint().chatPath();
    if (template != null && !(streaming && m.wireStyle() == WireStyle.GEMINI_GENERATE_CONTENT)) {
      String expected = t.basePath() + (template.startsWith("/") ? "" : "/") + template.replace("{model}", t.model());
      expect(part, "path " + expected + ", was " + path, path.equals(expected));
    }
    // the model without the provider prefix, in the body or (Gemini) the path
    expect(part, "model " + t.model() + ", was " + req.model(), t.model().equals(req.model()));
    expect(part, "no provider prefix in the request", !req.body().contains("\"" + t.provider() + "/" + t.model()));
    checkAuth(part, req, m.auth());
    m.auth().extraHeaders().forEach((name, value) -> expect(part, "header " + name + ": " + value + ", was "
        + req.header(name), value.equals(req.header(name))));
    checkParameter(part, req, m, "max_tokens", 64L);
    if (acceptsTemperature(t) && !part.contains("round trip")) {
      checkParameter(part, req, m, "temperature", 0.5);
    }
  }

  private static void checkAuth(String part, RecordedRequest req, AuthSpec auth) {
    switch (auth.type()) {
      case BEARER -> {
        String header = auth.headerName() == null ? "Authorization" : auth.headerName();
        String expected = (auth.prefix() == null ? "Bearer" : auth.prefix()) + " " + KEY;
        expect(part, "header " + header + ": " + expected.replace(KEY, "<key>") + ", was "
            + mask(req.header(header)), expected.equals(req.header(header)));
      }
      case HEADER -> {
        String header = auth.headerName() == null ? "Authorization" : auth.headerName();
        String expected = auth.prefix() == null || auth.prefix().isEmpty() ? KEY : auth.prefix() + " " + KEY;
        expect(part, "header " + header + ": <key>, was " + mask(req.header(header)),
            expected.equals(req.header(header)));
        expect(part, "no Authorization header besides " + header, header.equalsIgnoreCase("Authorization")
            || req.header("Authorization") == null);
      }
      case QUERY -> {
        String name = auth.queryParam() == null ? "key" : auth.queryParam();
        expect(part, "query parameter " + name + "=<key>", KEY.equals(req.queryParameter(name)));
      }
      case NONE -> expect(part, "no key sent (auth none)", !req.toString().contains(KEY)
          && (req.header("Authorization") == null || !req.header("Authorization").contains(KEY)));
    }
  }

  /**
   * A parameter is found under the manifest's wire name: a dotted name as nested objects, else the name at the top
   * level or in the wire's parameter object (Gemini's generationConfig).
   */
  private static void checkParameter(String part, RecordedRequest req, ProviderManifest m, String name,
      Object value) {
    ParameterSpec spec = parameter(m, name);
    String wire = spec == null ? name : spec.wireName();
    Object found = wire.contains(".") ? req.jsonAt(wire) : firstNonNull(req.jsonAt(wire),
        req.jsonAt("generationConfig." + wire));
    boolean equal = found instanceof Number n && value instanceof Number v && n.doubleValue() == v.doubleValue();
    expect(part, "parameter " + name + " sent as " + wire + " = " + value + ", found " + found + " in " + req.body(),
        equal);
  }

  private static Object firstNonNull(Object a, Object b) {
    return a != null ? a : b;
  }

  private static ParameterSpec parameter(ProviderManifest m, String name) {
    ParameterSpec direct = m.parameters().get(name);
    if (direct != null) {
      return direct;
    }
    return m.parameters().values().stream().filter(p -> p.aliases().contains(name) || name.equals(p.providerName()))
        .findFirst().orElse(null);
  }

  private static boolean declares(Target t, String capability) {
    var caps = t.manifest().capabilities();
    boolean declaresAny = !caps.required().isEmpty() || !caps.optional().isEmpty();
    return !declaresAny || caps.declares(capability);
  }

  // ---------------------------------------------------------------- helpers

  private interface Step<T> {
    T run();
  }

  private static <T> T part(String part, Step<T> step) {
    try {
      return step.run();
    } catch (RuntimeException e) {
      throw new PartFailure(part + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static void expect(String part, String what, boolean ok) {
    if (!ok) {
      throw new PartFailure(part + ": expected " + what, null);
    }
  }

  private static void refusedBeforeSending(String part, FakeProvider fake, Runnable call) {
    int before = fake.requestCount();
    try {
      call.run();
    } catch (ProtocolException e) {
      expect(part, "no request for an undeclared capability", fake.requestCount() == before);
      return;
    } catch (RuntimeException e) {
      throw new PartFailure(part + ": an undeclared capability should be refused with a ProtocolException, was "
          + e, e);
    }
    throw new PartFailure(part + ": an undeclared capability was not refused", null);
  }

  private static List<StreamingEvent> drain(ChatStream s) {
    List<StreamingEvent> events = new ArrayList<>();
    try (s) {
      int n = 0;
      for (StreamingEvent e : s) {
        events.add(e);
        if (++n > 10_000) {
          throw new IllegalStateException("more than 10,000 events");
        }
      }
    }
    return events;
  }

  private static String kinds(List<StreamingEvent> events) {
    return events.stream().map(e -> e.getClass().getSimpleName()).toList().toString();
  }

  private static String mask(String value) {
    return value == null ? null : value.replace(KEY, "<key>");
  }
}
