package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every {@code java} block of README.md compiles with {@code --release 17} against the library: each block becomes
 * the body of a method, beside declarations of the few names the samples leave to the reader ({@code history},
 * {@code weatherTool}, {@code run(..)}, {@code cancelToken}, {@code render(..)}, the typed-answer sample's
 * {@code Order}, {@code WeatherQuery}, {@code message}, {@code show(..)}, {@code weather(..)}, the embeddings
 * sample's {@code chunks}, {@code candidates}, {@code q}).
 */
class ReadmeSamplesTest {
  private static final String PRELUDE = String.join("\n",
      "import dev.ailib.api.*;",
      "import java.nio.file.Path;",
      "import java.time.Duration;",
      "import java.util.*;",
      "import java.util.concurrent.*;",
      "@SuppressWarnings(\"unused\")",
      "class ReadmeSamples {",
      "  List<Message> history = new ArrayList<>();",
      "  ToolDefinition weatherTool;",
      "  CancelToken cancelToken;",
      "  String run(String name, Map<String, Object> arguments) { return \"\"; }",
      "  void render(StreamingEvent event) { }",
      "  record Order(String customer) { }",
      "  record WeatherQuery(String city) { }",
      "  String message;",
      "  void show(Object value) { }",
      "  String weather(String city) { return \"\"; }",
      "  List<String> chunks = List.of();",
      "  List<String> candidates = List.of();",
      "  String q;",
      "");

  /** A java block of the README, with the README line its first line is on. */
  record Sample(int firstLine, String code) {
  }

  static List<Sample> javaBlocks(Path markdown) throws IOException {
    List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals("```java")) {
        int start = i + 1;
        int end = start;
        while (end < lines.size() && !lines.get(end).trim().equals("```")) {
          end++;
        }
        samples.add(new Sample(start + 1, String.join("\n", lines.subList(start, end))));
        i = end;
      }
    }
    return samples;
  }

  @Test
  void everyJavaSampleOfTheReadmeCompilesOnJava17() throws Exception {
    Path readme = Path.of("..", "README.md");
    List<Sample> samples = javaBlocks(readme);
    assertThat(samples).as("java blocks in %s", readme.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(2);

    StringBuilder source = new StringBuilder(PRELUDE);
    int preludeLines = (int) PRELUDE.chars().filter(c -> c == '\n').count();
    List<int[]> map = new ArrayList<>(); // {first source line of the block, README line}
    int line = preludeLines + 1;
    for (int n = 0; n < samples.size(); n++) {
      source.append("  void sample").append(n).append("() throws Exception {\n");
      line++;
      map.add(new int[] {line, samples.get(n).firstLine()});
      source.append(samples.get(n).code()).append("\n  }\n");
      line += (int) samples.get(n).code().chars().filter(c -> c == '\n').count() + 2;
    }
    source.append("}\n");

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory("readme-samples");
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///ReadmeSamples.java"),
          JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      };
      List<String> options = List.of("--release", "17", "-proc:none", "-d", out.toString(), "-classpath",
          classPath());
      boolean ok = javac.getTask(new StringWriter(), files, diagnostics, options, null, List.of(unit)).call();
      String errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> "README.md:" + readmeLine(map, (int) d.getLineNumber()) + ": " + d.getMessage(Locale.ROOT))
          .collect(Collectors.joining("\n"));
      assertThat(ok).as("README samples compile on Java 17:%n%s", errors).isTrue();
    }
  }

  private static long readmeLine(List<int[]> map, int sourceLine) {
    int[] best = null;
    for (int[] m : map) {
      if (m[0] <= sourceLine) {
        best = m;
      }
    }
    return best == null ? -1 : best[1] + (sourceLine - best[0]);
  }

  /** The test class path, following a surefire manifest-only jar's Class-Path when there is one. */
  private static String classPath() throws IOException {
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(e);
      if (e.endsWith(".jar") && Path.of(e).getFileName().toString().startsWith("surefirebooter")) {
        try (JarFile jar = new JarFile(e)) {
          String cp = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
          if (cp != null) {
            for (String u : cp.split(" ")) {
              entries.add(Path.of(URI.create(u)).toString());
            }
          }
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
