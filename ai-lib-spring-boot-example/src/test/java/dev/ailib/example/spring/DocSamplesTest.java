package dev.ailib.example.spring;

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
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The {@code java} blocks of docs/spring-boot.md compile with {@code --release 17} against the starter and Spring
 * Web: each block is a compilation unit of its own, after the imports a reader would write.
 */
class DocSamplesTest {
  private static final String IMPORTS = String.join("\n",
      "import dev.ailib.api.*;",
      "import dev.ailib.core.spi.Interceptor;",
      "import dev.ailib.spring.boot.autoconfigure.*;",
      "import org.springframework.context.annotation.*;",
      "import org.springframework.stereotype.*;",
      "import org.springframework.web.bind.annotation.*;",
      "interface AuditInterceptor extends Interceptor { }",
      "");

  @Test
  void everyJavaSampleOfTheSpringBootPageCompilesOnJava17() throws Exception {
    Path page = Path.of("..", "docs", "spring-boot.md");
    List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
    List<JavaFileObject> units = new ArrayList<>();
    List<Integer> firstLines = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals("```java")) {
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).trim().equals("```")) {
          end++;
        }
        String code = (units.isEmpty() ? IMPORTS : IMPORTS.replace("interface AuditInterceptor extends Interceptor { }",
            "")) + String.join("\n", lines.subList(i + 1, end));
        firstLines.add(i + 2);
        units.add(unit("Sample" + units.size(), code));
        i = end;
      }
    }
    assertThat(units).as("java blocks in %s", page.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(3);
    int importLines = (int) IMPORTS.chars().filter(c -> c == '\n').count();

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory("doc-samples");
    List<String> options = List.of("--release", "17", "-proc:none", "-d", out.toString(), "-classpath", classPath());
    boolean ok = javac.getTask(new StringWriter(), null, diagnostics, options, null, units).call();
    String errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> {
          int n = Integer.parseInt(d.getSource().getName().replaceAll("\\D", ""));
          return "docs/spring-boot.md:" + (firstLines.get(n) + d.getLineNumber() - importLines - 1) + ": "
              + d.getMessage(Locale.ROOT);
        })
        .collect(Collectors.joining("\n"));
    assertThat(ok).as("samples compile on Java 17:%n%s", errors).isTrue();
  }

  private static JavaFileObject unit(String name, String code) {
    return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return code;
      }
    };
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
