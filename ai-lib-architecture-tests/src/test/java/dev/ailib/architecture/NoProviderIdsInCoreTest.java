package dev.ailib.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md: no provider id appears in core's main code; behaviour comes from manifests. Scans the string
 * literals of ai-lib-core's main sources for literals that are a provider id or name a provider's host
 * (what code that switches on providers needs). Prose in messages that names a wire format is allowed.
 */
class NoProviderIdsInCoreTest {
  private static final List<String> PROVIDER_IDS = List.of("openai", "anthropic", "gemini", "google", "deepseek",
      "mistral", "groq", "qwen", "moonshot", "zhipu", "xai", "openrouter", "together", "perplexity", "cohere", "azure");
  private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  static List<String> findProviderIds(String fileName, String source) {
    List<String> found = new ArrayList<>();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
        continue; // documentation may name providers
      }
      Matcher m = STRING_LITERAL.matcher(lines[i]);
      while (m.find()) {
        String literal = m.group(1).toLowerCase(java.util.Locale.ROOT);
        for (String id : PROVIDER_IDS) {
          // a literal that is a provider id, or a provider host name: code that switches on providers
          if (literal.trim().equals(id) || literal.contains(id + ".com") || literal.contains("." + id + ".")
              || literal.contains(id + "api.")) {
            found.add(fileName + ":" + (i + 1) + ": \"" + m.group(1) + "\" names provider '" + id + "'");
          }
        }
      }
    }
    return found;
  }

  @Test
  void coreMainCodeNamesNoProvider() throws IOException {
    Path root = Path.of("..", "ai-lib-core", "src", "main", "java");
    assertThat(root).isDirectory();
    List<String> violations = new ArrayList<>();
    int files;
    try (Stream<Path> paths = Files.walk(root)) {
      List<Path> javaFiles = paths.filter(p -> p.toString().endsWith(".java")).toList();
      files = javaFiles.size();
      for (Path p : javaFiles) {
        violations.addAll(findProviderIds(root.relativize(p).toString(), Files.readString(p)));
      }
    }
    assertThat(files).isPositive();
    assertThat(violations).as("provider ids in core main code").isEmpty();
  }

  @Test
  void scannerCatchesAProviderId() {
    String fixture = "class X {\n  boolean a = p.equals(\"Anthropic\");\n  // \"openai\" in a comment is fine\n"
        + "  String u = \"https://api.openai.com/v1\";\n  String m = \"OpenAI chat wire format\";\n}\n";
    assertThat(findProviderIds("X.java", fixture)).containsExactly(
        "X.java:2: \"Anthropic\" names provider 'anthropic'",
        "X.java:4: \"https://api.openai.com/v1\" names provider 'openai'");
  }
}
