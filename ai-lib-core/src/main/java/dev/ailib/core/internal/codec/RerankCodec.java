package dev.ailib.core.internal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.RerankResult;
import dev.ailib.api.Usage;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.internal.response.AnswerFields;
import dev.ailib.core.internal.response.AnswerParser;
import dev.ailib.core.internal.response.Answers;
import dev.ailib.core.internal.response.UsageReader;
import dev.ailib.core.spi.manifest.OperationStyle;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rerank format of Cohere's v2 API ({@code POST /v2/rerank}), which Jina's {@code POST /v1/rerank} copies.
 * Request: {@code model}, {@code query}, {@code documents} (strings), {@code top_n}. Answer: {@code results[]} of
 * {@code {index, relevance_score}} (Jina adds {@code document: {text}} and {@code usage.total_tokens}, Cohere
 * {@code id} and {@code meta.billed_units.search_units}), most relevant first. A result's document is the text the
 * provider returned, else the request's document at its index. References: Cohere API reference, "Rerank V2"
 * (docs.cohere.com/reference/rerank) and its response example in cohere-ai/cohere-developer-experience
 * ({@code snippets/snippets/responses/rerank-v2-post.yaml}); Jina AI, "Reranker API" (jina.ai/reranker).
 */
public final class RerankCodec {
  /** The codec of the one rerank format. */
  public static final RerankCodec INSTANCE = new RerankCodec();

  private static final String STYLE = "a rerank answer";
  private static final AnswerFields READ = AnswerFields.of("results[*].index", "results[*].relevance_score",
      "results[*].document", "model", "usage", "meta.billed_units", "id", "error");

  private RerankCodec() {
  }

  /**
   * The codec of a format.
   *
   * @param style the declared format
   * @return the codec
   * @throws ProtocolException for a format that is not a rerank one
   */
  public static RerankCodec forStyle(OperationStyle style) {
    if (style == OperationStyle.COHERE_RERANK) {
      return INSTANCE;
    }
    throw new ProtocolException("the rerank endpoint's wire format (" + style + ") is not one this runtime speaks; "
        + "supported: the Cohere v2 /rerank format (also Jina's)");
  }

  /** The field the format carries the number of results in. */
  public String topNField() {
    return "top_n";
  }

  /**
   * The request body.
   *
   * @param in the request
   * @return the JSON body
   */
  public byte[] encode(RerankInput in) {
    return JsonBody.object(JsonBody.hint(in.documents()) + in.query().length(), g -> {
      g.writeStringField("model", in.modelId());
      g.writeStringField("query", in.query());
      JsonBody.strings(g, "documents", in.documents());
      if (in.topN() != null) {
        g.writeNumberField(in.topNField(), in.topN());
      }
      JsonBody.params(g, in.params());
    });
  }

  /**
   * Decodes an answer as it is read.
   *
   * @param body the body (read to its end, not closed)
   * @param manifest the provider's manifest
   * @param documents the request's documents
   * @return the ranking, most relevant first
   * @throws ProtocolException ({@code server_error}) when the body is not a rerank answer or names a document the
   *     request does not have
   */
  public RerankAnswer decode(InputStream body, ProviderManifest manifest, List<String> documents) {
    return decode(AnswerParser.parse(body, READ, manifest.id()), manifest, documents);
  }

  /**
   * Decodes a parsed answer.
   *
   * @param body the parsed answer (at least the parts {@link #decode(InputStream, ProviderManifest, List)} reads)
   * @param manifest the provider's manifest
   * @param documents the request's documents
   * @return the ranking, most relevant first
   */
  public RerankAnswer decode(JsonNode body, ProviderManifest manifest, List<String> documents) {
    String provider = manifest.id();
    CodecSupport.requireResponse(body, "results", manifest, STYLE);
    JsonNode results = body.get("results");
    if (results == null || !results.isArray()) {
      throw Answers.notAResponse(provider, STYLE, "\"results\" is " + Answers.describe(results)
          + ", expected an array");
    }
    List<RerankResult> out = new ArrayList<>(results.size());
    boolean[] seen = new boolean[documents.size()];
    for (int i = 0; i < results.size(); i++) {
      String at = "results[" + i + "]";
      JsonNode r = CodecSupport.requireObject(results.get(i), at, manifest, STYLE);
      JsonNode idx = r.get("index");
      if (idx == null || !idx.isIntegralNumber() || !idx.canConvertToInt() || idx.intValue() < 0
          || idx.intValue() >= documents.size()) {
        throw Answers.notAResponse(provider, STYLE, "\"" + at + ".index\" is " + Answers.describe(idx)
            + ", expected a document position from 0 to " + (documents.size() - 1));
      }
      int index = idx.intValue();
      if (seen[index]) {
        throw Answers.notAResponse(provider, STYLE, "document " + index + " is ranked twice");
      }
      seen[index] = true;
      JsonNode score = r.get("relevance_score");
      if (score == null || !score.isNumber()) {
        throw Answers.notAResponse(provider, STYLE, "\"" + at + ".relevance_score\" is " + Answers.describe(score)
            + ", expected a number");
      }
      JsonNode doc = r.get("document");
      String text = doc != null && doc.isTextual() ? doc.asText()
          : doc != null && doc.path("text").isTextual() ? doc.get("text").asText() : documents.get(index);
      out.add(new RerankResult(index, score.doubleValue(), text));
    }
    out.sort(Comparator.comparingDouble(RerankResult::relevanceScore).reversed()); // stable: ties keep their order
    JsonNode units = body.path("meta").path("billed_units").get("search_units");
    Usage usage = UsageReader.read(body.get("usage"));
    if (usage.promptTokens() == 0 && usage.completionTokens() == 0 && usage.totalTokens() > 0) {
      usage = new Usage(usage.totalTokens(), 0, usage.totalTokens(), 0, 0); // Jina counts the input as total_tokens
    }
    return new RerankAnswer(out, usage,
        units != null && units.isNumber() ? units.longValue() : 0, CodecSupport.text(body, "model"));
  }
}
