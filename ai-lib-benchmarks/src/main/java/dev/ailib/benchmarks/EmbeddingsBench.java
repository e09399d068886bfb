package dev.ailib.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ailib.api.AiClient;
import dev.ailib.api.EmbeddingResponse;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Embeds {@code --texts} short texts (10,000 by default) against the loopback server (its own JVM) through ai-lib's
 * {@code client.embeddings()} and through the raw JDK {@code HttpClient} doing the same requests (the same batches of
 * the manifest's limit, the same bodies, the answer read with Jackson's {@code readTree} into one {@code float[]} per
 * vector, as a hand-written client does), in interleaved rounds (the order alternates). Per round and contender:
 * the wall time of the whole job, HTTP requests per second, vectors per second, and the bytes allocated by all of
 * this JVM's threads per vector; each ratio is ai-lib over raw in the same round, the figure is the median over the
 * rounds [min-max]. Prints a Markdown table and writes it to {@code --out}/embeddings.md. Used by {@link BenchMain}
 * and runnable alone (class path of {@code bench/run}).
 */
public final class EmbeddingsBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EmbeddingsBench() {
  }

  /**
   * Runs the rounds.
   *
   * @param args {@code --texts N --dims N --rounds N --model provider/model --batch N --out DIR}
   * @throws Exception when the server or a call fails
   */
  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    int texts = a.integer("--texts", 10_000);
    int dims = a.integer("--dims", 256);
    int rounds = a.integer("--rounds", 5);
    String model = a.text("--model", "openai/text-embedding-3-small");
    int batch = a.integer("--batch", 2048); // the bundled openai manifest's max_inputs
    Path out = Path.of(a.text("--out", "ai-lib-benchmarks/target/bench"));
    Files.createDirectories(out);
    List<String> inputs = new ArrayList<>(texts);
    for (int i = 0; i < texts; i++) {
      inputs.add("short text number " + i + " for the embeddings benchmark");
    }
    Process server = startServer(dims, out);
    try {
      String base = "http://127.0.0.1:" + port(server) + "/v1";
      String wireModel = model.substring(model.indexOf('/') + 1);
      try (AiClient client = AiLibContender.builder(model).baseUrl(base).transport("jdk").build()) {
        Raw raw = new Raw(base, wireModel, batch, dims);
        check(client, raw, inputs.subList(0, Math.min(inputs.size(), batch + 3)), dims);
        for (int w = 0; w < 3; w++) { // warm-up
          run(client, inputs, dims);
          raw.embed(inputs);
        }
        List<double[]> lib = new ArrayList<>();
        List<double[]> base0 = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          if (r % 2 == 0) {
            lib.add(measure(() -> run(client, inputs, dims), texts, batch));
            base0.add(measure(() -> raw.embed(inputs), texts, batch));
          } else {
            base0.add(measure(() -> raw.embed(inputs), texts, batch));
            lib.add(measure(() -> run(client, inputs, dims), texts, batch));
          }
        }
        String table = table(lib, base0, texts, dims, batch, rounds, model);
        System.out.println(table);
        Files.writeString(out.resolve("embeddings.md"), table, StandardCharsets.UTF_8);
      }
    } finally {
      server.getOutputStream().close();
      if (!server.waitFor(5, TimeUnit.SECONDS)) {
        server.destroy();
      }
    }
  }

  /** One vector of the server's answers, as OpenAI writes numbers (doubles, about 20 characters each). */
  static byte[] vectorJson(int dims) {
    SplittableRandom random = new SplittableRandom(42);
    StringBuilder b = new StringBuilder(dims * 22).append('[');
    for (int i = 0; i < dims; i++) {
      b.append(i == 0 ? "" : ",").append((random.nextDouble() - 0.5) / 8);
    }
    return b.append(']').toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The server's answer to an embeddings request: one vector per input, in order.
   *
   * @param request the request body
   * @param vector the vector's JSON
   * @return the answer body
   * @throws IOException when the request is not JSON
   */
  static byte[] answer(byte[] request, byte[] vector) throws IOException {
    int inputs = 0;
    try (JsonParser p = JSON.getFactory().createParser(request)) {
      while (p.nextToken() != null) {
        if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("input")) {
          p.nextToken();
          while (p.nextToken() == JsonToken.VALUE_STRING) {
            inputs++;
          }
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(inputs * (vector.length + 48) + 128);
    out.write("{\"object\":\"list\",\"data\":[".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < inputs; i++) {
      out.write(((i == 0 ? "" : ",") + "{\"object\":\"embedding\",\"index\":" + i + ",\"embedding\":")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(vector);
      out.write('}');
    }
    out.write(("],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":" + inputs * 9
        + ",\"total_tokens\":" + inputs * 9 + "}}").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static EmbeddingResponse run(AiClient client, List<String> inputs, int dims) {
    EmbeddingResponse r = client.embeddings().inputs(inputs).dimensions(dims).execute();
    if (r.size() != inputs.size()) {
      throw new IllegalStateException("ai-lib returned " + r.size() + " vectors for " + inputs.size());
    }
    return r;
  }

  /** Both contenders give the same vectors for the same texts (a batch boundary included). */
  private static void check(AiClient client, Raw raw, List<String> inputs, int dims) throws Exception {
    EmbeddingResponse lib = run(client, inputs, dims);
    List<float[]> base = raw.embed(inputs);
    for (int i = 0; i < inputs.size(); i++) {
      if (!Arrays.equals(lib.vector(i), base.get(i))) {
        throw new IllegalStateException("ai-lib and raw disagree on vector " + i);
      }
    }
  }

  @FunctionalInterface
  private interface Job {
    Object run() throws Exception;
  }

  /** {seconds, bytes allocated, process CPU ns} of one job. */
  private static double[] measure(Job job, int texts, int batch) throws Exception {
    System.gc();
    long cpu0 = Meter.processCpuNanos();
    long t0 = System.nanoTime();
    long bytes;
    try (Meter.AllocationTracker alloc = new Meter.AllocationTracker()) {
      Object result = job.run();
      bytes = alloc.stop();
      if (result == null) {
        throw new IllegalStateException("no result");
      }
    }
    return new double[] {(System.nanoTime() - t0) / 1e9, bytes, Meter.processCpuNanos() - cpu0};
  }

  private static String table(List<double[]> lib, List<double[]> raw, int texts, int dims, int batch, int rounds,
      String model) {
    int requests = (texts + batch - 1) / batch;
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Embeddings: %,d short texts, %d dimensions, %s (batches of %d: %d requests "
        + "per job), loopback server in its own JVM, JDK %s, %d cores; %d interleaved rounds, median [min-max]; "
        + "ratio = ai-lib / raw in the same round.%n%n", texts, dims, model, batch, requests,
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), rounds));
    b.append("| figure | ai-lib (jdk) | raw JDK HttpClient + Jackson readTree | ratio |\n|---|---|---|---|\n");
    row(b, "jobs of " + texts + " texts per s", lib, raw, f -> 1 / f[0], "%.2f");
    row(b, "HTTP requests per s", lib, raw, f -> requests / f[0], "%.1f");
    row(b, "vectors per s", lib, raw, f -> texts / f[0], "%,.0f");
    row(b, "bytes allocated per vector (all threads)", lib, raw, f -> f[1] / texts, "%,.0f");
    row(b, "process CPU us per vector", lib, raw, f -> f[2] / 1000.0 / texts, "%.2f");
    return b.toString();
  }

  private static void row(StringBuilder b, String name, List<double[]> lib, List<double[]> raw,
      java.util.function.ToDoubleFunction<double[]> f, String fmt) {
    double[] l = lib.stream().mapToDouble(f).toArray();
    double[] r = raw.stream().mapToDouble(f).toArray();
    double[] ratio = new double[l.length];
    for (int i = 0; i < l.length; i++) {
      ratio[i] = l[i] / r[i];
    }
    b.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, fmt, median(l))).append(" | ")
        .append(String.format(Locale.ROOT, fmt, median(r))).append(" | ")
        .append(String.format(Locale.ROOT, "%.2fx [%.2f-%.2f]", median(ratio), min(ratio), max(ratio)))
        .append(" |\n");
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }

  private static Process startServer(int dims, Path out) throws IOException {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms768m",
        "-Xmx768m", "-Dsun.net.httpserver.nodelay=true", "-Dsun.net.httpserver.idleInterval=3600", "-cp",
        System.getProperty("java.class.path"), LoopbackServer.class.getName(), "--embedding-dims",
        Integer.toString(dims));
    return new ProcessBuilder(cmd).redirectError(out.resolve("embeddings-server.log").toFile()).start();
  }

  private static String port(Process server) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String first = lines.readLine();
    if (first == null || !first.startsWith("LOOPBACK ")) {
      throw new IllegalStateException("loopback server did not start: " + first);
    }
    return first.split(" ")[1];
  }

  /**
   * The raw baseline: the same batches with the JDK client, each answer read with {@code readTree}, then one
   * {@code float[]} per vector.
   */
  private static final class Raw {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI uri;
    private final String model;
    private final int batch;
    private final int dims;

    Raw(String base, String model, int batch, int dims) {
      this.uri = URI.create(base + "/embeddings");
      this.model = model;
      this.batch = batch;
      this.dims = dims;
    }

    List<float[]> embed(List<String> inputs) throws IOException, InterruptedException {
      List<float[]> out = new ArrayList<>(inputs.size());
      for (int from = 0; from < inputs.size(); from += batch) {
        List<String> part = inputs.subList(from, Math.min(from + batch, inputs.size()));
        StringBuilder body = new StringBuilder(part.size() * 48).append("{\"model\":\"").append(model)
            .append("\",\"input\":[");
        for (int i = 0; i < part.size(); i++) {
          body.append(i == 0 ? "\"" : ",\"").append(part.get(i)).append('"'); // the texts need no escaping
        }
        body.append("],\"dimensions\":").append(dims).append('}');
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
            .header("Authorization", "Bearer sk-bench-not-a-secret")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
          throw new IOException("loopback server answered HTTP " + response.statusCode());
        }
        JsonNode data = JSON.readTree(response.body()).get("data");
        float[][] ordered = new float[data.size()][];
        for (JsonNode item : data) {
          JsonNode e = item.get("embedding");
          float[] v = new float[e.size()];
          for (int i = 0; i < v.length; i++) {
            v[i] = e.get(i).floatValue();
          }
          ordered[item.get("index").intValue()] = v;
        }
        out.addAll(Arrays.asList(ordered));
      }
      return out;
    }
  }
}
