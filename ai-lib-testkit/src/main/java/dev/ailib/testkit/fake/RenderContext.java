package dev.ailib.testkit.fake;

/**
 * What a renderer needs to know about the request being answered.
 *
 * @param request the recorded request
 * @param model the model name to put in the response
 * @param createdEpochSeconds the response's creation time
 * @param stream whether to stream
 * @param includeUsage OpenAI {@code stream_options.include_usage}
 * @param sse Gemini: SSE ({@code alt=sse}) rather than a streamed JSON array
 */
record RenderContext(RecordedRequest request, String model, long createdEpochSeconds, boolean stream,
    boolean includeUsage, boolean sse) {

  int sequence() {
    return request.sequence();
  }
}
