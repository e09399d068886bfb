package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.testkit.spec.RequiresSpecDirectory;
import dev.ailib.testkit.spec.SpecDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compliance suite's {@code protocol_loading} cases that load one manifest (no contract): each expected
 * outcome (valid or not, provider id, protocol version, error wording) is checked against this loader. Reads the
 * specification directory ({@code AI_PROTOCOL_DIR}); without it the class is skipped with one line.
 */
@RequiresSpecDirectory("tests/compliance/cases")
class ComplianceLoadingCasesTest {

  @Test
  void protocolLoadingCasesPass() throws IOException {
    Path spec = SpecDirectory.require();
    Path compliance = spec.resolve("tests/compliance");
    List<Path> caseFiles;
    try (Stream<Path> s = Files.walk(compliance.resolve("cases"))) {
      caseFiles = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    ManifestLoader loader = ManifestLoader.create();
    int run = 0;
    List<String> failures = new ArrayList<>();
    for (Path caseFile : caseFiles) {
      try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(caseFile.toFile())) {
        while (docs.hasNext()) {
          JsonNode c = docs.next();
          JsonNode input = c.path("input");
          if (!input.path("type").asText().equals("protocol_loading") || !input.hasNonNull("manifest_path")
              || input.has("contract_path")) {
            continue;
          }
          run++;
          String id = caseFile.getFileName() + "#" + c.path("id").asText();
          String rel = input.path("manifest_path").asText();
          Path manifest = rel.startsWith("fixtures/") ? compliance.resolve(rel) : caseFile.getParent().resolve(rel);
          JsonNode expected = c.path("expected");
          String problem = check(loader, manifest.normalize(), expected);
          if (problem != null) {
            failures.add(id + ": " + problem);
          }
        }
      }
    }
    System.out.println("protocol_loading cases: " + (run - failures.size()) + " passed, " + failures.size()
        + " failed");
    failures.forEach(f -> System.out.println("  FAILED " + f));
    assertThat(run).isGreaterThanOrEqualTo(25);
    assertThat(failures).isEmpty();
  }

  private static String check(ManifestLoader loader, Path manifest, JsonNode expected) {
    boolean wantValid = expected.path("valid").asBoolean();
    try {
      ProviderManifest m = loader.load(manifest).manifest();
      if (!wantValid) {
        return "expected the manifest to be rejected, but it loaded";
      }
      if (expected.has("provider_id") && !expected.path("provider_id").asText().equals(m.id())) {
        return "provider_id " + m.id();
      }
      if (expected.has("protocol_version") && !expected.path("protocol_version").asText().equals(m.protocolVersion())) {
        return "protocol_version " + m.protocolVersion();
      }
      return null;
    } catch (ProtocolException e) {
      if (wantValid) {
        return "expected valid, got " + e.getMessage();
      }
      if (e.location().isEmpty() || !e.getMessage().contains(manifest.getFileName().toString())) {
        return "the error does not name the file: " + e.getMessage();
      }
      JsonNode errors = expected.path("errors");
      if (errors.isArray()) {
        for (JsonNode want : errors) {
          if (!e.getMessage().contains(want.asText())) {
            return "error '" + e.getMessage() + "' lacks '" + want.asText() + "'";
          }
        }
      }
      return null;
    }
  }
}
