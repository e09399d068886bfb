package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input fails with a message naming what was wrong and where (file, line, column, field). */
class BadInputTest {
  private final ManifestLoader loader = ManifestLoader.create();
  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private ProtocolException fail(Path file) {
    try {
      loader.load(file);
    } catch (ProtocolException e) {
      return e;
    }
    throw new AssertionError("expected " + file + " to be rejected");
  }

  private static SourceLocation at(ProtocolException e) {
    assertThat(e.location()).as("location of: " + e.getMessage()).isPresent();
    return e.location().get();
  }

  @Test
  void missingFile() {
    ProtocolException e = fail(dir.resolve("absent.yaml"));
    assertThat(e.getMessage()).contains("absent.yaml").contains("not found");
    assertThat(at(e).file()).endsWith("absent.yaml");
  }

  @Test
  void yamlSyntaxError() throws IOException {
    Path f = write("broken.yaml", "id: x\nprotocol_version: \"2.0\"\nendpoint:\n  base_url: [unclosed\n  chat: /c\n");
    ProtocolException e = fail(f);
    assertThat(e.getMessage()).contains("broken.yaml:").contains("YAML syntax error");
    assertThat(at(e).line()).isBetween(4, 6);
  }

  @Test
  void jsonSyntaxError() throws IOException {
    Path f = write("broken.json", "{\"id\": \"x\",\n \"protocol_version\": \"2.0\",,\n}");
    ProtocolException e = fail(f);
    assertThat(e.getMessage()).contains("broken.json:2:").contains("JSON syntax error");
  }

  @Test
  void missingRequiredField() throws IOException {
    ProtocolException e = fail(write("noid.yaml", "protocol_version: \"2.0\"\nendpoint: {base_url: \"https://x\"}\n"));
    assertThat(e.getMessage()).contains("noid.yaml").contains("missing required field 'id'");
    assertThat(at(e).field()).isEqualTo("id");

    ProtocolException noBase = fail(write("nobase.yaml", "id: x\nprotocol_version: \"2.0\"\nendpoint:\n  chat: /c\n"));
    assertThat(noBase.getMessage()).contains("nobase.yaml:4:").contains("endpoint.base_url");
  }

  @Test
  void wrongTypeNamesFieldLineAndColumn() throws IOException {
    String text = Manifests.valid("acme", "https://acme.test").replace("  chat: /chat/completions\n",
        "  chat: /chat/completions\nparameters:\n  temperature: {type: float, range: [0, 2], default: hot}\n");
    ProtocolException e = fail(write("types.yaml", text));
    SourceLocation at = at(e);
    assertThat(at.line()).isEqualTo(7);
    assertThat(at.column()).isGreaterThan(1);
    assertThat(at.field()).isEqualTo("parameters.temperature.default");
    assertThat(e.getMessage()).contains("types.yaml:7:").contains("default hot does not match the parameter type float");

    ProtocolException list = fail(write("list.yaml", "id: x\nprotocol_version: \"2.0\"\nendpoint:\n  base_url: [a, b]\n"));
    assertThat(list.getMessage()).contains("list.yaml:4:13 (field endpoint.base_url)")
        .contains("expected a string, found a list");
  }

  @Test
  void unknownEnumValues() throws IOException {
    ProtocolException auth = fail(write("auth.yaml", "id: x\nprotocol_version: \"2.0\"\nendpoint:\n  base_url: https://x\n"
        + "  auth:\n    type: telepathy\n"));
    assertThat(auth.getMessage()).contains("auth.yaml:6:11 (field endpoint.auth.type)")
        .contains("unknown auth type 'telepathy'");

    ProtocolException err = fail(write("err.yaml", "id: x\nprotocol_version: \"2.0\"\nendpoint: {base_url: https://x}\n"
        + "error_classification:\n  by_http_status:\n    \"429\": slow_down\n"));
    assertThat(err.getMessage()).contains("err.yaml:6:").contains("(field error_classification.by_http_status.429)")
        .contains("unknown error class 'slow_down'").contains("rate_limited");
  }

  @Test
  void unknownEmitNamesFileLineAndField() throws IOException {
    String text = Manifests.valid("acme", "https://acme.test").replace("emit: PartialContentDelta", "emit: Confetti");
    ProtocolException e = fail(write("emit.yaml", text));
    SourceLocation at = at(e);
    assertThat(at.line()).isEqualTo(10);
    assertThat(at.field()).isEqualTo("streaming.event_map[0].emit");
    assertThat(e.getMessage()).contains("emit.yaml:10:13").contains("unknown emit 'Confetti'")
        .contains("PartialContentDelta");
  }

  @Test
  void badExpressionNamesTheTextAndColumn() throws IOException {
    String bad = "exists($.choices[0].delta.content) && exists($.delta";
    String text = Manifests.valid("acme", "https://acme.test").replace("exists($.choices[0].delta.content)\"", bad + "\"");
    ProtocolException e = fail(write("expr.yaml", text));
    SourceLocation at = at(e);
    assertThat(at.line()).isEqualTo(9);
    assertThat(at.field()).isEqualTo("streaming.event_map[0].match");
    assertThat(e.getMessage()).contains("expr.yaml:9:").contains("bad expression '" + bad + "'");
    // the text starts at column 15 (after `    - match: "`); the file column is that plus the expression's
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("at column (\\d+)").matcher(e.getMessage());
    assertThat(m.find()).isTrue();
    assertThat(at.column()).isEqualTo(15 + Integer.parseInt(m.group(1)) - 1);
  }

  @Test
  void badPathIsALoadError() throws IOException {
    String text = Manifests.valid("acme", "https://acme.test").replace("{content: \"$.choices[0].delta.content\"}",
        "{content: \"$.choices[@@\"}");
    ProtocolException e = fail(write("path.yaml", text));
    assertThat(at(e).field()).isEqualTo("streaming.event_map[0].extract.content");
    assertThat(e.getMessage()).contains("path.yaml:11:").contains("$.choices[@@");
  }

  @Test
  void aliasBombIsRejectedQuickly() throws IOException {
    StringBuilder b = new StringBuilder("id: bomb\nprotocol_version: \"2.0\"\nendpoint: {base_url: https://x}\n");
    b.append("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      b.append("l").append(i).append(": &l").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        b.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
      }
      b.append("]\n");
    }
    ProtocolException e = fail(write("bomb.yaml", b.toString()));
    assertThat(e.getMessage()).contains("bomb.yaml:").contains("billion laughs");
    assertThat(at(e).line()).isBetween(5, 13);
  }

  @Test
  void fewButDeepAliasesAreBoundedByExpansion() throws IOException {
    StringBuilder b = new StringBuilder("id: bomb\nprotocol_version: \"2.0\"\nendpoint: {base_url: https://x}\n");
    b.append("a0: &a0 [x, x]\n");
    for (int i = 1; i <= 40; i++) {
      b.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1)
          .append("]\n");
    }
    ProtocolException e = fail(write("doubling.yaml", b.toString()));
    assertThat(e.getMessage()).contains("doubling.yaml:").contains("expands to more than");
  }

  @Test
  void plainAliasesStillWork() throws IOException {
    String text = "id: acme\nprotocol_version: \"2.0\"\nendpoint: {base_url: https://acme.test}\n"
        + "retry_policy: &r {max_retries: 2, retry_on_http_status: [429]}\nx_copy: *r\n"
        + "termination: {mapping: &m {stop: end_turn}}\nx_more: [*m, *m]\n";
    assertThat(loader.load(write("alias.yaml", text)).manifest().retry().maxRetries()).isEqualTo(2);
    ProtocolException scalar = fail(write("scalar.yaml", "id: &i acme\nname: *i\nprotocol_version: \"2.0\"\n"));
    assertThat(scalar.getMessage()).contains("scalar.yaml:2:").contains("alias *i");
  }

  @Test
  void customTagsAreRejected() throws IOException {
    ProtocolException e = fail(write("tag.yaml", "id: !!java.net.URL [http://evil]\nprotocol_version: \"2.0\"\n"));
    assertThat(e.getMessage()).contains("tag.yaml:1:").contains("not allowed");
  }

  @Test
  void sizeAndDepthLimits() throws IOException {
    ManifestLoader small = ManifestLoader.create(new YamlLimits(200, 4, 10, 1000));
    Path big = write("big.yaml", Manifests.valid("acme", "https://acme.test") + "# " + "x".repeat(300) + "\n");
    assertThatThrownBy(() -> small.load(big)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("big.yaml").hasMessageContaining("larger than the limit of 200");
    Path deep = write("deep.yaml", "id: d\nprotocol_version: \"2.0\"\nx: {a: {b: {c: {d: {e: 1}}}}}\n");
    assertThatThrownBy(() -> small.load(deep)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("deep.yaml").hasMessageContaining("nesting");
  }

  @Test
  void duplicateKeysAndExtraDocumentsAreErrors() throws IOException {
    ProtocolException dup = fail(write("dup.yaml", "id: a\nid: b\nprotocol_version: \"2.0\"\n"));
    assertThat(dup.getMessage()).contains("dup.yaml:2:").containsIgnoringCase("duplicate").contains("'id'");
    ProtocolException two = fail(write("two.yaml", Manifests.valid("a", "https://a") + "---\nid: b\n"));
    assertThat(two.getMessage()).contains("two.yaml:").contains("more than one document");
  }

  @Test
  void yaml11BooleansStayStrings() {
    String text = Manifests.valid("acme", "https://acme.test") + "name: yes\n";
    assertThat(loader.parse("inline.yaml", text.getBytes(StandardCharsets.UTF_8)).manifest().name()).isEqualTo("yes");
  }

  @Test
  void unknownFieldsAreTolerated() {
    String text = Manifests.valid("acme", "https://acme.test") + "future_block: {anything: [1, 2]}\nx_extra: true\n";
    assertThat(loader.parse("fwd.yaml", text.getBytes(StandardCharsets.UTF_8)).manifest().id()).isEqualTo("acme");
  }

  @Test
  void modelAliasesLoadAndAnAmbiguousOneIsRefusedAtItsPlace() throws IOException {
    String head = Manifests.valid("acme", "https://api.acme.test/v1") + "metadata:\n  models:\n";
    Path ok = write("aliases.yaml", head + "    big-latest: {aliases: [big, large]}\n    small: {}\n");
    assertThat(loader.load(ok).manifest().models().get("big-latest").aliases()).containsExactly("big", "large");

    ProtocolException twice = fail(write("twice.yaml", head + "    big-latest: {aliases: [big]}\n"
        + "    big-2: {aliases: [big]}\n"));
    assertThat(twice.getMessage()).contains("alias 'big'").contains("big-latest").contains("big-2");
    assertThat(at(twice).line()).isEqualTo(15);
    assertThat(at(twice).field()).startsWith("metadata.models.big-2.aliases");

    ProtocolException listed = fail(write("listed.yaml", head + "    big-latest: {aliases: [small]}\n    small: {}\n"));
    assertThat(listed.getMessage()).contains("alias 'small'").contains("is itself a listed model");

    ProtocolException notText = fail(write("nottext.yaml", head + "    big-latest: {aliases: [{x: 1}]}\n"));
    assertThat(at(notText).field()).startsWith("metadata.models.big-latest.aliases");
  }
}
