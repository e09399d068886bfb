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
 * DESIGN.md: no provider id appears in core's main code; behaviour comes from manifests. Scans the string
 * literals of ai-lib-core's main sources.
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
          if (Pattern.compile("(^|[^a-z])" + id + "([^a-z]|$)").matcher(literal).find()) {
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
    String fixture = "class X {\n  String style = \"Anthropic\";\n  // \"openai\" in a comment is fine\n}\n";
    assertThat(findProviderIds("X.java", fixture)).containsExactly("X.java:2: \"Anthropic\" names provider 'anthropic'");
  }
}
