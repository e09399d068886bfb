package dev.ailib.telemetry.otel;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/** The attribute keys this adapter writes: GenAI semantic conventions, then ai-lib's own ({@code ailib.*}). */
final class GenAiAttributes {
  static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
  /** Deprecated by the conventions in favour of {@link #PROVIDER_NAME}; written only when asked for. */
  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  static final AttributeKey<Double> REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
  static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES =
      AttributeKey.stringArrayKey("gen_ai.request.stop_sequences");
  static final AttributeKey<Long> EMBEDDINGS_DIMENSION_COUNT =
      AttributeKey.longKey("gen_ai.embeddings.dimension.count");
  static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
  static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Double> RESPONSE_TIME_TO_FIRST_CHUNK =
      AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk");
  static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
  static final AttributeKey<Long> USAGE_CACHE_CREATION_INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
  static final AttributeKey<Long> USAGE_REASONING_OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
  static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
  static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
  static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
  static final AttributeKey<String> OUTPUT_TYPE = AttributeKey.stringKey("gen_ai.output.type");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

  /** Number of HTTP attempts of the call, over retries and fallbacks. */
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("ailib.attempts");
  /** The attempt an event is about (1 for the first). */
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("ailib.attempt");
  /** The wait before a retry, in seconds. */
  static final AttributeKey<Double> RETRY_DELAY = AttributeKey.doubleKey("ailib.retry.delay");
  /** The standard error code, such as {@code E2001}. */
  static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("ailib.error.code");
  /**
   * The call's cost, computed from the serving model's manifest prices (ai-lib's own: the GenAI conventions have no
   * cost attribute yet; named after the open proposal {@code gen_ai.usage.cost.amount}).
   */
  static final AttributeKey<Double> USAGE_COST_AMOUNT = AttributeKey.doubleKey("ailib.usage.cost.amount");
  /** The ISO 4217 currency of {@link #USAGE_COST_AMOUNT} (ai-lib's own). */
  static final AttributeKey<String> USAGE_COST_CURRENCY = AttributeKey.stringKey("ailib.usage.cost.currency");
  /** The request's tag ({@code ChatRequestBuilder.tag}, such as a tenant id); spans only, never metrics. */
  static final AttributeKey<String> REQUEST_TAG = AttributeKey.stringKey("ailib.request.tag");
  /** {@link #TOKEN_TYPE} of tokens read from the prompt cache, on {@code ailib.client.cached_token.usage}. */
  static final String CACHE_READ = "cache_read";
  /** {@link #TOKEN_TYPE} of tokens written to the prompt cache, on {@code ailib.client.cached_token.usage}. */
  static final String CACHE_CREATION = "cache_creation";

  /** The number of texts an embeddings call embeds (over all its batches). */
  static final AttributeKey<Long> EMBEDDINGS_INPUT_COUNT = AttributeKey.longKey("ailib.embeddings.input_count");
  /** The number of documents a rerank call ranks. */
  static final AttributeKey<Long> RERANK_DOCUMENT_COUNT = AttributeKey.longKey("ailib.rerank.document_count");
  /** The number of best documents a rerank call asks for. */
  static final AttributeKey<Long> RERANK_TOP_N = AttributeKey.longKey("ailib.rerank.top_n");
  /** Whether the call streamed. */
  static final AttributeKey<Boolean> STREAMING = AttributeKey.booleanKey("ailib.streaming");

  static final String EVENT_ATTEMPT = "ailib.attempt";
  static final String EVENT_RETRY = "ailib.retry";
  static final String EVENT_RESPONSE_HEADERS = "ailib.response_headers";

  private GenAiAttributes() {
  }
}
