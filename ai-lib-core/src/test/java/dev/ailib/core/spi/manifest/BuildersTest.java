package dev.ailib.core.spi.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.Timeouts;
import dev.ailib.core.spi.transport.TransportConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * Every record of the manifest model, and {@link TransportConfig}, has a builder that sets every component (so a
 * component added later without a builder setter fails here) and a {@code toBuilder()} that copies all of them.
 */
class BuildersTest {
  /** Records plugins do not build field by field: a two-way choice with factories, and a value core returns. */
  private static final Set<Class<?>> WITHOUT_BUILDER = Set.of(StreamingSpec.ValueSource.class,
      ExpressionSyntax.SyntaxError.class);

  /** Values the records check against a list. */
  private static final Map<String, Object> CHECKED = Map.of("DocumentMapping.format", "gemini_inline_data",
      "DocumentMapping.refResolution", "resolve_at_runtime",
      // a family is a manifest of the same provider naming itself; the sample models name it ("sample")
      "ProviderManifest.apiFamilies", Map.of("sample", ProviderManifest.builder().id("sample")
          .wireStyle(WireStyle.OPENAI_RESPONSES).endpoint(EndpointSpec.builder().baseUrl("https://x").build())
          .auth(AuthSpec.builder().type(AuthSpec.Type.NONE).build()).apiFamily("sample").build()));

  @Test
  void everyManifestRecordHasABuilderSettingEveryComponent() throws Exception {
    List<Class<?>> records = manifestRecords();
    assertThat(records).contains(ProviderManifest.class, StreamingSpec.class, StreamingSpec.EventRule.class,
        AuthSpec.class, EndpointSpec.class, ParameterSpec.class).hasSizeGreaterThan(15);
    for (Class<?> type : records) {
      if (!WITHOUT_BUILDER.contains(type)) {
        checkBuilder(type);
      }
    }
  }

  @Test
  void transportConfigBuilderSetsEveryComponentAndStartsFromTheDefaults() throws Exception {
    checkBuilder(TransportConfig.class);
    assertThat(TransportConfig.builder().build()).isEqualTo(TransportConfig.DEFAULTS);
    assertThat(TransportConfig.DEFAULTS.withTimeouts(Timeouts.DEFAULTS.withCall(Duration.ofSeconds(5))).timeouts()
        .call()).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> TransportConfig.builder().maxConnections(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnections must be positive, was 0");
  }

  @Test
  void requiredComponentsAreCheckedAtBuild() {
    assertThatThrownBy(() -> ProviderManifest.builder().id("x").build()).isInstanceOf(NullPointerException.class)
        .hasMessage("wireStyle");
    assertThatThrownBy(() -> StreamingSpec.EventRule.builder().emit(StreamingSpec.EmitKind.METADATA).build())
        .isInstanceOf(NullPointerException.class).hasMessage("match");
    assertThatThrownBy(() -> EndpointSpec.builder().chatPath("/c").build()).hasMessage("baseUrl");
    assertThatThrownBy(() -> AuthSpec.builder().build()).hasMessage("type");
  }

  @Test
  void defaultsMatchTheRecordsDocumentedOnes() {
    EndpointSpec e = EndpointSpec.builder().baseUrl("https://x").build();
    assertThat(e.method()).isEqualTo("POST");
    assertThat(e.streamQuery()).isEmpty();
    assertThat(RetryPolicySpec.builder().build().maxRetries()).isEqualTo(-1);
    ProviderManifest m = ProviderManifest.builder().id("x").wireStyle(WireStyle.OPENAI_CHAT).endpoint(e)
        .auth(AuthSpec.builder().type(AuthSpec.Type.NONE).build()).build();
    assertThat(m.capabilities()).isEqualTo(CapabilitiesSpec.NONE);
    assertThat(m.errors()).isEqualTo(ErrorClassificationSpec.NONE);
    assertThat(m.termination()).isEqualTo(TerminationSpec.NONE);
    assertThat(m.parameters()).isEmpty();
  }

  @Test
  void addersKeepOrderAndKeys() {
    StreamingSpec.EventRule rule = StreamingSpec.EventRule.builder().match("exists($.a)")
        .emit(StreamingSpec.EmitKind.CONTENT_DELTA).field("b", StreamingSpec.ValueSource.ofPath("$.b"))
        .field("a", StreamingSpec.ValueSource.ofLiteral(1L)).build();
    assertThat(rule.fields().keySet()).containsExactly("b", "a");
    assertThat(rule.fields().get("a")).isEqualTo(new StreamingSpec.ValueSource(null, 1L));
    StreamingSpec s = StreamingSpec.builder().decoder(StreamingSpec.DecoderSpec.builder().format("sse").build())
        .addEventRule(rule).addEventRule(rule.toBuilder().match("exists($.c)").build()).build();
    assertThat(s.eventMap()).extracting(StreamingSpec.EventRule::match).containsExactly("exists($.a)", "exists($.c)");
    ProviderManifest m = ProviderManifest.builder().id("x").wireStyle(WireStyle.OPENAI_CHAT)
        .endpoint(EndpointSpec.builder().baseUrl("https://x").build())
        .auth(AuthSpec.builder().type(AuthSpec.Type.NONE).build())
        .parameter(ParameterSpec.builder().name("top_p").build()).model(ModelSpec.builder().id("m1").build()).build();
    assertThat(m.parameters()).containsOnlyKeys("top_p");
    assertThat(m.model("m1")).isPresent();
  }

  /** Sets each component through the builder setter of the same name and reads it back; then round-trips. */
  private static void checkBuilder(Class<?> type) throws Exception {
    Method builderFactory = type.getMethod("builder");
    Object builder = builderFactory.invoke(null);
    Class<?> builderType = builder.getClass();
    Map<String, Object> expected = new LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      Method setter;
      try {
        setter = builderType.getMethod(c.getName(), c.getType());
      } catch (NoSuchMethodException e) {
        throw new AssertionError(type.getSimpleName() + ".Builder has no setter " + c.getName() + "("
            + c.getType().getSimpleName() + ")");
      }
      Object value = valueFor(type, c);
      assertThat(setter.invoke(builder, value)).as("setter returns the builder").isSameAs(builder);
      expected.put(c.getName(), value);
    }
    Object built = builderType.getMethod("build").invoke(builder);
    for (RecordComponent c : type.getRecordComponents()) {
      assertThat(c.getAccessor().invoke(built)).as(type.getSimpleName() + "." + c.getName())
          .isEqualTo(expected.get(c.getName()));
    }
    Method toBuilder;
    try {
      toBuilder = type.getMethod("toBuilder");
    } catch (NoSuchMethodException e) {
      return; // small settings records have no copy builder
    }
    Object again = toBuilder.invoke(built);
    assertThat(again.getClass().getMethod("build").invoke(again)).as(type.getSimpleName() + " round trip")
        .isEqualTo(built);
  }

  /** The checked value of a component, else a sample. */
  private static Object valueFor(Class<?> type, RecordComponent c) throws Exception {
    String key = type.getSimpleName() + "." + c.getName();
    return CHECKED.containsKey(key) ? CHECKED.get(key) : sample(c.getGenericType());
  }

  /** A value of a type that differs from every builder default. */
  private static Object sample(Type t) throws Exception {
    if (t instanceof ParameterizedType p) {
      Type raw = p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class) {
        return List.of(sample(args[0]));
      }
      if (raw == Set.class) {
        return Set.of(sample(args[0]));
      }
      if (raw == Map.class) {
        return Map.of(sample(args[0]), sample(args[1]));
      }
      throw new AssertionError("no sample for " + t);
    }
    Class<?> c = (Class<?>) t;
    if (c == String.class || c == Object.class) {
      return "sample";
    }
    if (c == int.class || c == Integer.class) {
      return 429;
    }
    if (c == long.class || c == Long.class) {
      return 4096L;
    }
    if (c == double.class || c == Double.class) {
      return 1.5;
    }
    if (c == boolean.class || c == Boolean.class) {
      return true;
    }
    if (c == Duration.class) {
      return Duration.ofSeconds(3);
    }
    if (c == java.math.BigDecimal.class) {
      return new java.math.BigDecimal("1.25");
    }
    if (c == java.time.LocalDate.class) {
      return java.time.LocalDate.of(2026, 12, 1);
    }
    if (c.isEnum()) {
      return c.getEnumConstants()[c.getEnumConstants().length - 1];
    }
    if (c == Timeouts.class) {
      return new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4));
    }
    if (c == ProxySelector.class) {
      return ProxySelector.of(InetSocketAddress.createUnresolved("proxy.test", 3128));
    }
    if (c == SSLContext.class) {
      return SSLContext.getDefault();
    }
    if (c == TransportConfig.ProxyCredentials.class) {
      return new TransportConfig.ProxyCredentials("user", "secret".toCharArray());
    }
    if (c == StreamingSpec.ValueSource.class) {
      return StreamingSpec.ValueSource.ofPath("$.a");
    }
    if (c.isRecord()) {
      Object builder = c.getMethod("builder").invoke(null);
      for (RecordComponent rc : c.getRecordComponents()) {
        Object value = valueFor(c, rc);
        builder.getClass().getMethod(rc.getName(), rc.getType()).invoke(builder, value);
      }
      return builder.getClass().getMethod("build").invoke(builder);
    }
    throw new AssertionError("no sample for " + c);
  }

  /** The records of the manifest package, nested ones included, read from the compiled classes. */
  private static List<Class<?>> manifestRecords() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(ProviderManifest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = root.resolve("dev/ailib/core/spi/manifest");
    assertThat(dir).isDirectory();
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        String name = f.getFileName().toString();
        Class<?> c = Class.forName(ProviderManifest.class.getPackageName() + "."
            + name.substring(0, name.length() - ".class".length()), false, BuildersTest.class.getClassLoader());
        if (c.isRecord()) {
          out.add(c);
        }
      }
    }
    return out;
  }
}
