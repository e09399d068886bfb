package dev.ailib.testkit.fake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Renders answers in the {@link OperationFormat}s, computed from the request body with {@link FakeEmbeddings}. A
 * request that is not what the format takes (no model where one is required, no inputs, a text that is not a string)
 * gets the provider's 400 answer naming what is wrong.
 */
final class OperationRenderer extends WireRenderer {
  private final OperationFormat format;
  private final WireRenderer errors;

  OperationRenderer(OperationFormat format) {
    this.format = format;
    this.errors = format.gemini() ? new GeminiRenderer() : new OpenAiRenderer();
  }

  /** Thrown for a request the format does not take; answered with a 400. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  List<Map.Entry<String, String>> standardHeaders(RenderContext ctx) {
    return format.gemini() ? List.of() : List.of(Map.entry("x-request-id", "req_fake_" + ctx.sequence()));
  }

  /**
   * The answer to a request.
   *
   * @param reply the scripted reply (a completion)
   * @param body the parsed request body (an object)
   * @param path the request path
   * @param ctx the context
   * @return the rendered answer
   * @throws BadRequest when the request is not what the format takes
   */
  Rendered answer(Reply reply, Object body, String path, RenderContext ctx) {
    return switch (format) {
      case OPENAI_EMBEDDINGS -> openAi(reply, body, ctx);
      case GEMINI_EMBED_CONTENT -> json(200, Json.obj("embedding", values(text(Json.at(body, "content.parts"),
          "content.parts"), dims(body, "outputDimensionality"))), reply.headers(), ctx, "application/json");
      case GEMINI_BATCH_EMBED_CONTENTS -> geminiBatch(reply, body, path, ctx);
      case COHERE_EMBED -> cohere(reply, body, ctx);
      case RERANK -> rerank(reply, body, ctx);
    };
  }

  private Rendered openAi(Reply reply, Object body, RenderContext ctx) {
    String model = model(body, reply, true);
    List<String> inputs = inputs(Json.at(body, "input"), "input");
    int dims = dims(body, "dimensions", "output_dimension");
    List<Object> data = new ArrayList<>(inputs.size());
    int tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      data.add(Json.obj("object", "embedding", "index", i, "embedding", vector(inputs.get(i), dims)));
      tokens += FakeEmbeddings.tokens(inputs.get(i));
    }
    tokens = usage(reply, tokens);
    return json(200, Json.obj("object", "list", "data", data, "model", model, "usage",
        Json.obj("prompt_tokens", tokens, "total_tokens", tokens)), reply.headers(), ctx, "application/json");
  }

  private Rendered geminiBatch(Reply reply, Object body, String path, RenderContext ctx) {
    if (!(Json.at(body, "requests") instanceof List<?> requests) || requests.isEmpty()) {
      throw new BadRequest("\"requests\" must be a non-empty array of EmbedContentRequest");
    }
    String pathModel = "models/" + path.substring(path.lastIndexOf("/models/") + 8, path.lastIndexOf(':'));
    List<Object> out = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      Object r = requests.get(i);
      if (!pathModel.equals(Json.at(r, "model"))) {
        throw new BadRequest("requests[" + i + "].model must be \"" + pathModel + "\" (the model of the path), was "
            + Json.at(r, "model"));
      }
      out.add(values(text(Json.at(r, "content.parts"), "requests[" + i + "].content.parts"),
          dims(r, "outputDimensionality")));
    }
    return json(200, Json.obj("embeddings", out), reply.headers(), ctx, "application/json");
  }

  private Rendered cohere(Reply reply, Object body, RenderContext ctx) {
    model(body, reply, true);
    List<String> texts = inputs(Json.at(body, "texts"), "texts");
    if (!(Json.at(body, "input_type") instanceof String)) {
      throw new BadRequest("input_type is required for embed models v3 and higher");
    }
    int dims = dims(body, "output_dimension");
    List<Object> vectors = new ArrayList<>(texts.size());
    int tokens = 0;
    for (String t : texts) {
      vectors.add(vector(t, dims));
      tokens += FakeEmbeddings.tokens(t);
    }
    return json(200, Json.obj("id", "embed-fake-" + ctx.sequence(), "texts", texts, "embeddings",
        Json.obj("float", vectors), "meta", Json.obj("api_version", Json.obj("version", "2"), "billed_units",
            Json.obj("input_tokens", usage(reply, tokens))), "response_type", "embeddings_by_type"),
        reply.headers(), ctx, "application/json");
  }

  private Rendered rerank(Reply reply, Object body, RenderContext ctx) {
    String model = model(body, reply, false);
    if (!(Json.at(body, "query") instanceof String query) || query.isEmpty()) {
      throw new BadRequest("query must be a string that is not empty");
    }
    List<String> docs = inputs(Json.at(body, "documents"), "documents");
    Object topN = Json.at(body, "top_n");
    int n = docs.size();
    if (topN != null) {
      if (!(topN instanceof Long l) || l < 1) {
        throw new BadRequest("top_n must be a positive integer, was " + topN);
      }
      n = (int) Math.min(n, l);
    }
    boolean returnDocuments = Boolean.TRUE.equals(Json.at(body, "return_documents"));
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -FakeEmbeddings.relevance(query, docs.get(i)))
        .thenComparingInt(i -> i));
    List<Object> results = new ArrayList<>(n);
    int tokens = FakeEmbeddings.tokens(query);
    for (String d : docs) {
      tokens += FakeEmbeddings.tokens(d);
    }
    for (int i : order.subList(0, n)) {
      Map<String, Object> r = Json.obj("index", i, "relevance_score", FakeEmbeddings.relevance(query, docs.get(i)));
      if (returnDocuments) {
        r.put("document", Json.obj("text", docs.get(i)));
      }
      results.add(r);
    }
    return json(200, Json.obj("id", "rerank-fake-" + ctx.sequence(), "model", model, "results", results, "usage",
        Json.obj("total_tokens", usage(reply, tokens)), "meta", Json.obj("api_version", Json.obj("version", "2"),
            "billed_units", Json.obj("search_units", 1))), reply.headers(), ctx, "application/json");
  }

  private static String model(Object body, Reply reply, boolean required) {
    Object m = Json.at(body, "model");
    if (!(m instanceof String s) || s.isEmpty()) {
      if (required) {
        throw new BadRequest("model is required");
      }
      return reply.model() != null ? reply.model() : "fake-rerank";
    }
    return reply.model() != null ? reply.model() : s;
  }

  private static int usage(Reply reply, int counted) {
    Reply.Usage u = reply.scriptedUsage();
    return u != null ? u.inputTokens() : counted;
  }

  private static List<String> inputs(Object value, String field) {
    if (value instanceof String s) {
      return List.of(s);
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new BadRequest(field + " must be a string or a non-empty array of strings");
    }
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s) || s.isEmpty()) {
        throw new BadRequest(field + "[" + i + "] must be a string that is not empty");
      }
      out.add((String) list.get(i));
    }
    return out;
  }

  /** The text of Gemini content parts (their texts joined, as the API embeds them). */
  private static String text(Object parts, String field) {
    if (!(parts instanceof List<?> list) || list.isEmpty()) {
      throw new BadRequest(field + " must be a non-empty array of parts");
    }
    StringBuilder b = new StringBuilder();
    for (Object p : list) {
      if (!(Json.at(p, "text") instanceof String t)) {
        throw new BadRequest(field + " holds a part without text");
      }
      b.append(t);
    }
    return b.toString();
  }

  private static int dims(Object body, String... fields) {
    for (String f : fields) {
      Object v = Json.at(body, f);
      if (v != null) {
        if (!(v instanceof Long l) || l < 1 || l > 65_536) {
          throw new BadRequest(f + " must be a positive integer, was " + v);
        }
        return l.intValue();
      }
    }
    return FakeEmbeddings.DEFAULT_DIMENSIONS;
  }

  private static Map<String, Object> values(String text, int dims) {
    return Json.obj("values", vector(text, dims));
  }

  private static Json.Raw vector(String text, int dims) {
    float[] v = FakeEmbeddings.vector(text, dims);
    StringBuilder b = new StringBuilder(dims * 12);
    b.append('[');
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(v[i]); // Float.toString: parsed back as a float, the same float
    }
    return new Json.Raw(b.append(']').toString());
  }

  @Override
  Rendered completion(Reply reply, RenderContext ctx) {
    throw new UnsupportedOperationException("operation answers are rendered by answer(...)");
  }

  @Override
  String errorBody(int status, String code, String message, RenderContext ctx) {
    if (format == OperationFormat.COHERE_EMBED || format == OperationFormat.RERANK) {
      return Json.write(Json.obj("message", message != null ? message : "HTTP " + status + " error (fake)"));
    }
    return errors.errorBody(status, code, message, ctx);
  }

  @Override
  byte[] streamErrorFrame(String errorBody, int afterEvents, RenderContext ctx) {
    return Rendered.utf8(errorBody);
  }
}
