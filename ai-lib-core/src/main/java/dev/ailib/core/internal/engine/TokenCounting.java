package dev.ailib.core.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.CallStats;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.TokenCount;
import dev.ailib.api.Usage;
import dev.ailib.api.error.AiLibException;
import dev.ailib.core.internal.codec.EncodeInput;
import dev.ailib.core.internal.codec.WireCodec;
import dev.ailib.core.internal.json.CoreJson;
import dev.ailib.core.internal.resilience.Resilience;
import dev.ailib.core.internal.resolve.Placeholders;
import dev.ailib.core.internal.response.Answers;
import dev.ailib.core.internal.structured.StructuredEncoding;
import dev.ailib.core.internal.tokens.LocalTokens;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.telemetry.CallOutcome;
import dev.ailib.core.spi.telemetry.TelemetryScope;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.IOException;
import java.util.List;

/**
 * {@code countTokens}: with the provider's counting endpoint when its manifest declares one
 * ({@code endpoints.count_tokens}) and its wire format has a counting request ({@link WireCodec#encodeTokenCount}),
 * as one call of operation {@code count_tokens} (telemetry, retries and the deadline as for chat, never a fallback
 * model); else on this machine ({@link LocalTokens}). The request is counted as it would be sent: a typed answer's
 * instructions and the checked parameters included. A request too large for the window is counted, not refused.
 */
final class TokenCounting {
  /** The largest counting answer read. */
  private static final int MAX_ANSWER = 64 * 1024;

  private final Calls calls;
  private final Attempts attempts;
  private final Exchange exchange;
  private final Listeners listeners;
  private final Placeholders placeholders;

  TokenCounting(Calls calls, Attempts attempts, Exchange exchange, Listeners listeners, Placeholders placeholders) {
    this.placeholders = placeholders;
    this.calls = calls;
    this.attempts = attempts;
    this.exchange = exchange;
    this.listeners = listeners;
  }

  /**
   * Counts a request for a target.
   *
   * @param given the caller's request
   * @param target the client's primary target
   * @param cancel cancels a count made by the provider
   * @return the count
   */
  TokenCount count(ChatRequest given, Target target, CancelToken cancel) {
    calls.ensureOpen();
    ProviderManifest manifest = target.manifest();
    ChatRequest request = StructuredEncoding.adapt(given, manifest);
    String path = manifest.endpoint().otherPaths().get(WireCodec.COUNT_TOKENS);
    if (path == null) {
      return LocalTokens.count(request, target.modelSpec(), target.modelId());
    }
    EncodeInput input = new EncodeInput(request, target.modelId(),
        ParameterChecker.check(request, manifest, target.modelSpec()), false, manifest, target.modelSpec());
    byte[] body = target.codec().encodeTokenCount(input);
    if (body == null) {
      TokenCount local = LocalTokens.count(request, target.modelSpec(), target.modelId());
      return new TokenCount(local.inputTokens(), local.method(), local.detail() + " (the manifest declares "
          + "endpoints." + WireCodec.COUNT_TOKENS + ", but its wire format has no counting request here)",
          local.contextWindow(), local.model());
    }
    RequestTemplate template = RequestFactory.template(target.provider(), target.modelId(), manifest,
        "token-counting path", path, manifest.endpoint().otherMethods().getOrDefault(WireCodec.COUNT_TOKENS, "POST"),
        new java.util.LinkedHashMap<>(), false, target.apiKey(), target.baseUrl(), placeholders);
    Prepared prepared = new Prepared(target, template, body, target.codec().requestHeaders(input));
    CallScope scope = calls.begin(WireCodec.COUNT_TOKENS, request, request, target, false, cancel);
    try (TelemetryScope ignored = listeners.activate(scope.info)) {
      Resilience.Outcome<Long, Target> o = attempts.run(scope, List.of(target),
          (t, n) -> attempt(scope, prepared), 0);
      long latency = scope.elapsed().toMillis();
      listeners.callEnd(scope.info, new CallOutcome(null, null, List.of(), Usage.EMPTY,
          new CallStats(0, 0, 0, latency, -1, target.modelId(), target.provider(), o.attempts())));
      return new TokenCount(o.value(), TokenCount.Method.PROVIDER, "the provider's token-counting endpoint ("
          + template.method() + " " + path + ")", target.modelSpec() == null ? null
          : target.modelSpec().contextWindow(), target.modelId());
    } catch (Throwable t) {
      throw calls.fail(scope, t);
    } finally {
      scope.close();
    }
  }

  private long attempt(CallScope scope, Prepared prepared) {
    Target target = prepared.target();
    TransportResponse resp = exchange.send(scope, prepared);
    try (resp) {
      byte[] answer = BodyReader.readAll(resp.body(), MAX_ANSWER, resp.headers());
      JsonNode tree;
      try {
        tree = CoreJson.MAPPER.readTree(answer);
      } catch (IOException e) {
        throw Answers.notAResponse(target.provider(), "a token count", "it is not JSON");
      }
      return target.codec().decodeTokenCount(tree, target.manifest());
    } catch (IOException e) {
      throw target.redactor().apply(scope.failure(e));
    } catch (AiLibException e) {
      throw target.redactor().apply(e);
    }
  }
}
