package dev.ailib.it.response;

import dev.ailib.it.response.RecordedServer.Answer;
import java.util.ArrayList;
import java.util.List;

/**
 * One answer of each wire style, written twice as the provider sends it: the non-streaming body and the stream of
 * the same answer (field names and framing as in the providers' API references: OpenAI chat completions and
 * chunks with {@code stream_options.include_usage}, Anthropic messages and its named events, Gemini
 * {@code GenerateContentResponse} and {@code streamGenerateContent?alt=sse} with CRLF framing).
 */
enum Recordings {
  OPENAI("openai/gpt-4o") {
    @Override
    Answer json(String finish, boolean tool) {
      return Answer.json("""
          {"id":"chatcmpl-A1","object":"chat.completion","created":1730000000,"model":"gpt-4o-2024-08-06",
           "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there","refusal":null%s},
             "logprobs":null,"finish_reason":%s}],
           "usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150,
             "prompt_tokens_details":{"cached_tokens":100,"audio_tokens":0},
             "completion_tokens_details":{"reasoning_tokens":12,"audio_tokens":0,"accepted_prediction_tokens":0,
               "rejected_prediction_tokens":0}},
           "service_tier":"default","system_fingerprint":"fp_50cad350e4"}
          """.formatted(tool ? ",\"tool_calls\":[{\"id\":\"call_abc\",\"type\":\"function\",\"function\":{\"name\":"
              + "\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]" : "", quoted(finish)));
    }

    @Override
    Answer stream(String finish, boolean tool) {
      String head = "data: {\"id\":\"chatcmpl-A1\",\"object\":\"chat.completion.chunk\",\"created\":1730000000,"
          + "\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_50cad350e4\",\"choices\":";
      List<String> f = new ArrayList<>();
      f.add(head + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
          + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
      f.add(head + "[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"logprobs\":null,\"finish_reason\":null}],"
          + "\"usage\":null}");
      f.add(head + "[{\"index\":0,\"delta\":{\"content\":\" there\"},\"logprobs\":null,\"finish_reason\":null}],"
          + "\"usage\":null}");
      if (tool) {
        f.add(head + "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_abc\",\"type\":"
            + "\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"logprobs\":null,"
            + "\"finish_reason\":null}],\"usage\":null}");
        f.add(head + "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
            + "\"{\\\"city\\\":\"}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
        f.add(head + "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
            + "\"\\\"Paris\\\"}\"}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
      }
      f.add(head + "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":" + quoted(finish) + "}],"
          + "\"usage\":null}");
      f.add(head + "[],\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":30,\"total_tokens\":150,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":100,\"audio_tokens\":0},\"completion_tokens_details\":"
          + "{\"reasoning_tokens\":12,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
          + "\"rejected_prediction_tokens\":0}}}");
      f.add("data: [DONE]");
      return Answer.sse(f, "\n\n");
    }

    @Override
    String errorBody() {
      return "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing "
          + "details.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}";
    }

    @Override
    int errorStatus() {
      return 429;
    }

    @Override
    Answer errorStream(boolean afterContent) {
      List<String> f = new ArrayList<>();
      if (afterContent) {
        f.add("data: {\"id\":\"chatcmpl-A1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\",\"choices\":"
            + "[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}],\"usage\":null}");
      }
      f.add("data: " + errorBody());
      return Answer.sse(f, "\n\n");
    }
  },

  RESPONSES("openai/gpt-5-pro") {
    // the raw finish reason is the status, or incomplete_details.reason for an incomplete response
    @Override
    Answer json(String finish, boolean tool) {
      return Answer.json("""
          {"id":"resp_68af4030592c8193","object":"response","created_at":1756315696,"status":%s,"background":false,
           "error":null,"incomplete_details":%s,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,
           "model":"gpt-5-pro-2025-10-06",
           "output":[{"id":"rs_68af4030","type":"reasoning","summary":[{"type":"summary_text","text":"Let me think."}],
             "encrypted_content":"gAAAAABoOpaqueReasoning=="},
             {"id":"msg_68af4031","type":"message","status":"completed","content":[{"type":"output_text",
               "annotations":[],"logprobs":[],"text":"Hello there"}],"role":"assistant"}%s],
           "parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"medium","summary":"auto"},
           "service_tier":"default","store":false,"temperature":1.0,"text":{"format":{"type":"text"},
           "verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled",
           "usage":{"input_tokens":120,"input_tokens_details":{"cached_tokens":100},"output_tokens":30,
             "output_tokens_details":{"reasoning_tokens":12},"total_tokens":150},"user":null,"metadata":{}}
          """.formatted(quoted(status(finish)), incompleteDetails(finish), tool ? ",{\"id\":\"fc_68af4032\",\"type\":"
              + "\"function_call\",\"status\":\"completed\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\","
              + "\"call_id\":\"call_abc\",\"name\":\"get_weather\"}" : ""));
    }

    @Override
    Answer stream(String finish, boolean tool) {
      List<String> f = new ArrayList<>();
      String shell = "\"id\":\"resp_68af4030592c8193\",\"object\":\"response\",\"created_at\":1756315696,"
          + "\"model\":\"gpt-5-pro-2025-10-06\",\"store\":false,\"tools\":[]";
      f.add(typed("response.created", 0, "\"response\":{" + shell + ",\"status\":\"in_progress\",\"error\":null,"
          + "\"incomplete_details\":null,\"output\":[],\"usage\":null}"));
      f.add(typed("response.in_progress", 1, "\"response\":{" + shell + ",\"status\":\"in_progress\","
          + "\"error\":null,\"incomplete_details\":null,\"output\":[],\"usage\":null}"));
      f.add(typed("response.output_item.added", 2, "\"output_index\":0,\"item\":{\"id\":\"rs_68af4030\","
          + "\"type\":\"reasoning\",\"summary\":[]}"));
      f.add(typed("response.reasoning_summary_part.added", 3, "\"item_id\":\"rs_68af4030\",\"output_index\":0,"
          + "\"summary_index\":0,\"part\":{\"type\":\"summary_text\",\"text\":\"\"}"));
      f.add(typed("response.reasoning_summary_text.delta", 4, "\"item_id\":\"rs_68af4030\",\"output_index\":0,"
          + "\"summary_index\":0,\"delta\":\"Let me think.\",\"obfuscation\":\"Qx\""));
      f.add(typed("response.reasoning_summary_text.done", 5, "\"item_id\":\"rs_68af4030\",\"output_index\":0,"
          + "\"summary_index\":0,\"text\":\"Let me think.\""));
      f.add(typed("response.output_item.done", 6, "\"output_index\":0,\"item\":{\"id\":\"rs_68af4030\","
          + "\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"Let me think.\"}],"
          + "\"encrypted_content\":\"gAAAAABoOpaqueReasoning==\"}"));
      f.add(typed("response.output_item.added", 7, "\"output_index\":1,\"item\":{\"id\":\"msg_68af4031\","
          + "\"type\":\"message\",\"status\":\"in_progress\",\"content\":[],\"role\":\"assistant\"}"));
      f.add(typed("response.content_part.added", 8, "\"item_id\":\"msg_68af4031\",\"output_index\":1,"
          + "\"content_index\":0,\"part\":{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],"
          + "\"text\":\"\"}"));
      f.add(typed("response.output_text.delta", 9, "\"item_id\":\"msg_68af4031\",\"output_index\":1,"
          + "\"content_index\":0,\"delta\":\"Hello\",\"logprobs\":[],\"obfuscation\":\"k2Z\""));
      f.add(typed("response.output_text.delta", 10, "\"item_id\":\"msg_68af4031\",\"output_index\":1,"
          + "\"content_index\":0,\"delta\":\" there\",\"logprobs\":[],\"obfuscation\":\"W\""));
      f.add(typed("response.output_text.done", 11, "\"item_id\":\"msg_68af4031\",\"output_index\":1,"
          + "\"content_index\":0,\"text\":\"Hello there\",\"logprobs\":[]"));
      f.add(typed("response.content_part.done", 12, "\"item_id\":\"msg_68af4031\",\"output_index\":1,"
          + "\"content_index\":0,\"part\":{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],"
          + "\"text\":\"Hello there\"}"));
      f.add(typed("response.output_item.done", 13, "\"output_index\":1,\"item\":{\"id\":\"msg_68af4031\","
          + "\"type\":\"message\",\"status\":\"completed\",\"content\":[{\"type\":\"output_text\","
          + "\"annotations\":[],\"logprobs\":[],\"text\":\"Hello there\"}],\"role\":\"assistant\"}"));
      String call = "";
      if (tool) {
        f.add(typed("response.output_item.added", 14, "\"output_index\":2,\"item\":{\"id\":\"fc_68af4032\","
            + "\"type\":\"function_call\",\"status\":\"in_progress\",\"arguments\":\"\",\"call_id\":"
            + "\"call_abc\",\"name\":\"get_weather\"}"));
        f.add(typed("response.function_call_arguments.delta", 15, "\"item_id\":\"fc_68af4032\",\"output_index\":2,"
            + "\"delta\":\"{\\\"city\\\":\",\"obfuscation\":\"a\""));
        f.add(typed("response.function_call_arguments.delta", 16, "\"item_id\":\"fc_68af4032\",\"output_index\":2,"
            + "\"delta\":\"\\\"Paris\\\"}\",\"obfuscation\":\"b\""));
        f.add(typed("response.function_call_arguments.done", 17, "\"item_id\":\"fc_68af4032\",\"output_index\":2,"
            + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\""));
        call = ",{\"id\":\"fc_68af4032\",\"type\":\"function_call\",\"status\":\"completed\",\"arguments\":"
            + "\"{\\\"city\\\":\\\"Paris\\\"}\",\"call_id\":\"call_abc\",\"name\":\"get_weather\"}";
        f.add(typed("response.output_item.done", 18, "\"output_index\":2,\"item\":" + call.substring(1)));
      }
      boolean complete = status(finish).equals("completed");
      f.add(typed(complete ? "response.completed" : "response.incomplete", 19, "\"response\":{" + shell
          + ",\"status\":" + quoted(status(finish)) + ",\"error\":null,\"incomplete_details\":"
          + incompleteDetails(finish) + ",\"output\":[{\"id\":\"rs_68af4030\",\"type\":\"reasoning\","
          + "\"summary\":[{\"type\":\"summary_text\",\"text\":\"Let me think.\"}],"
          + "\"encrypted_content\":\"gAAAAABoOpaqueReasoning==\"},{\"id\":\"msg_68af4031\","
          + "\"type\":\"message\",\"status\":\"completed\",\"content\":[{\"type\":\"output_text\","
          + "\"annotations\":[],\"logprobs\":[],\"text\":\"Hello there\"}],\"role\":\"assistant\"}" + call + "],"
          + "\"usage\":{\"input_tokens\":120,\"input_tokens_details\":{\"cached_tokens\":100},\"output_tokens\":30,"
          + "\"output_tokens_details\":{\"reasoning_tokens\":12},\"total_tokens\":150}}"));
      return Answer.sse(f, "\n\n");
    }

    @Override
    String errorBody() {
      return "{\"error\":{\"message\":\"Rate limit reached for gpt-5-pro in organization org-abc on tokens per min "
          + "(TPM): Limit 30000, Used 30000, Requested 120. Please try again in 240ms.\",\"type\":\"tokens\","
          + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
    }

    @Override
    int errorStatus() {
      return 429;
    }

    /** First: the {@code error} event, its error nested as the API sends it; later: {@code response.failed}. */
    @Override
    Answer errorStream(boolean afterContent) {
      String message = "Rate limit reached for gpt-5-pro in organization org-abc on tokens per min (TPM): Limit "
          + "30000, Used 30000, Requested 120. Please try again in 240ms.";
      List<String> f = new ArrayList<>();
      if (!afterContent) {
        f.add(typed("error", 0, "\"error\":{\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\",\"message\":\""
            + message + "\",\"param\":null}"));
        return Answer.sse(f, "\n\n");
      }
      f.add(typed("response.created", 0, "\"response\":{\"id\":\"resp_2\",\"object\":\"response\","
          + "\"status\":\"in_progress\",\"model\":\"gpt-5-pro-2025-10-06\",\"output\":[],\"usage\":null}"));
      f.add(typed("response.output_item.added", 1, "\"output_index\":0,\"item\":{\"id\":\"msg_2\",\"type\":"
          + "\"message\",\"status\":\"in_progress\",\"content\":[],\"role\":\"assistant\"}"));
      f.add(typed("response.output_text.delta", 2, "\"item_id\":\"msg_2\",\"output_index\":0,\"content_index\":0,"
          + "\"delta\":\"Hel\",\"logprobs\":[]"));
      f.add(typed("response.failed", 3, "\"response\":{\"id\":\"resp_2\",\"object\":\"response\",\"status\":"
          + "\"failed\",\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"" + message + "\"},"
          + "\"incomplete_details\":null,\"model\":\"gpt-5-pro-2025-10-06\",\"output\":[],\"usage\":null}"));
      return Answer.sse(f, "\n\n");
    }
  },

  ANTHROPIC("anthropic/claude-sonnet-4-5") {
    @Override
    Answer json(String finish, boolean tool) {
      return Answer.json("""
          {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant",
           "model":"claude-sonnet-4-5-20250929",
           "content":[{"type":"thinking","thinking":"Let me think.","signature":"EqQBCgIYAhIM"},
             {"type":"text","text":"Hello there"}%s],
           "stop_reason":%s,"stop_sequence":null,
           "usage":{"input_tokens":20,"cache_creation_input_tokens":7,"cache_read_input_tokens":100,
             "output_tokens":30,"service_tier":"standard"}}
          """.formatted(tool ? ",{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"get_weather\",\"input\":"
              + "{\"city\":\"Paris\"}}" : "", quoted(finish)));
    }

    @Override
    Answer stream(String finish, boolean tool) {
      List<String> f = new ArrayList<>();
      f.add(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\","
          + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],"
          + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":20,"
          + "\"cache_creation_input_tokens\":7,\"cache_read_input_tokens\":100,\"output_tokens\":1,"
          + "\"service_tier\":\"standard\"}}}"));
      f.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
          + "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}"));
      f.add(event("ping", "{\"type\": \"ping\"}"));
      f.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
          + "{\"type\":\"thinking_delta\",\"thinking\":\"Let me think.\"}}"));
      f.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
          + "{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM\"}}"));
      f.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
      f.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
          + "{\"type\":\"text\",\"text\":\"\"}}"));
      f.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
          + "{\"type\":\"text_delta\",\"text\":\"Hello\"}}"));
      f.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
          + "{\"type\":\"text_delta\",\"text\":\" there\"}}"));
      f.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"));
      if (tool) {
        f.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"get_weather\",\"input\":{}}}"));
        f.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":"
            + "{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}"));
        f.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":"
            + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Par\"}}"));
        f.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":"
            + "{\"type\":\"input_json_delta\",\"partial_json\":\"is\\\"}\"}}"));
        f.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}"));
      }
      f.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":" + quoted(finish)
          + ",\"stop_sequence\":null},\"usage\":{\"output_tokens\":30}}"));
      f.add(event("message_stop", "{\"type\":\"message_stop\"}"));
      return Answer.sse(f, "\n\n");
    }

    @Override
    String errorBody() {
      return "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},"
          + "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";
    }

    @Override
    int errorStatus() {
      return 529;
    }

    @Override
    Answer errorStream(boolean afterContent) {
      List<String> f = new ArrayList<>();
      f.add(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_02\",\"type\":\"message\","
          + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"stop_reason\":null,"
          + "\"usage\":{\"input_tokens\":20,\"output_tokens\":1}}}"));
      if (afterContent) {
        f.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
            + "{\"type\":\"text\",\"text\":\"\"}}"));
        f.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
            + "{\"type\":\"text_delta\",\"text\":\"Hel\"}}"));
      }
      f.add(event("error", errorBody()));
      return Answer.sse(f, "\n\n");
    }
  },

  GEMINI("gemini/gemini-2.5-flash") {
    @Override
    Answer json(String finish, boolean tool) {
      return Answer.json("""
          {"candidates":[{"content":{"parts":[{"text":"Hello there"}%s],"role":"model"},"finishReason":%s,
             "index":0}],
           "usageMetadata":{"promptTokenCount":120,"candidatesTokenCount":18,"totalTokenCount":150,
             "cachedContentTokenCount":100,"thoughtsTokenCount":12,
             "promptTokensDetails":[{"modality":"TEXT","tokenCount":120}]},
           "modelVersion":"gemini-2.5-flash","responseId":"mT4bad-dFr2z1e8P"}
          """.formatted(tool ? ",{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}},"
              + "\"thoughtSignature\":\"" + THOUGHT_SIGNATURE + "\"}" : "",
              quoted(finish)));
    }

    @Override
    Answer stream(String finish, boolean tool) {
      String tail = ",\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"mT4bad-dFr2z1e8P\"}";
      List<String> f = new ArrayList<>();
      f.add("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hello\"}],\"role\":\"model\"},\"index\":0}],"
          + "\"usageMetadata\":{\"promptTokenCount\":120,\"totalTokenCount\":120,\"cachedContentTokenCount\":100,"
          + "\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":120}]}" + tail);
      f.add("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" there\"}"
          + (tool ? ",{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}},"
              + "\"thoughtSignature\":\"" + THOUGHT_SIGNATURE + "\"}" : "")
          + "],\"role\":\"model\"},\"finishReason\":" + quoted(finish) + ",\"index\":0}],\"usageMetadata\":"
          + "{\"promptTokenCount\":120,\"candidatesTokenCount\":18,\"totalTokenCount\":150,"
          + "\"cachedContentTokenCount\":100,\"thoughtsTokenCount\":12,\"promptTokensDetails\":[{\"modality\":"
          + "\"TEXT\",\"tokenCount\":120}]}" + tail);
      return Answer.sse(f, "\r\n\r\n");
    }

    @Override
    String errorBody() {
      return "{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota, please check your plan and "
          + "billing details.\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
          + "\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaMetric\":"
          + "\"generativelanguage.googleapis.com/generate_content_free_tier_requests\",\"quotaId\":"
          + "\"GenerateRequestsPerMinutePerProjectPerModel-FreeTier\"}]},{\"@type\":"
          + "\"type.googleapis.com/google.rpc.Help\",\"links\":[{\"description\":\"Learn more\",\"url\":"
          + "\"https://ai.google.dev/gemini-api/docs/rate-limits\"}]},{\"@type\":"
          + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"37s\"}]}}";
    }

    @Override
    int errorStatus() {
      return 429;
    }

    @Override
    Answer errorStream(boolean afterContent) {
      List<String> f = new ArrayList<>();
      if (afterContent) {
        f.add("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"},\"index\":0}]}");
      }
      f.add("data: " + errorBody());
      return Answer.sse(f, "\r\n\r\n");
    }
  };

  /** The thought signature Gemini's recordings put beside their function call (Gemini 3 and 2.5 with thinking). */
  static final String THOUGHT_SIGNATURE = "CpwCAb4+9vsb3cmVjb3JkZWQtdGhvdWdodC1zaWduYXR1cmUtYmVzaWRlLXRoZS1jYWxs";

  final String model;

  Recordings(String model) {
    this.model = model;
  }

  /** The answer as a non-streaming body; {@code finish} null sends JSON null. */
  abstract Answer json(String finish, boolean tool);

  /** The same answer as a stream. */
  abstract Answer stream(String finish, boolean tool);

  /** An error body of this provider. */
  abstract String errorBody();

  /** The HTTP status that error comes with. */
  abstract int errorStatus();

  /** The same error as an in-stream error frame (first, or after some content). */
  abstract Answer errorStream(boolean afterContent);

  static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data;
  }

  /** A typed Responses event: the {@code event:} line and its JSON, whose {@code type} repeats it. */
  static String typed(String type, int sequence, String fields) {
    return "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":" + sequence + "," + fields + "}";
  }

  /** The Responses status a raw finish reason comes from: {@code completed}, else {@code incomplete}. */
  static String status(String finish) {
    return finish.equals("completed") ? "completed" : "incomplete";
  }

  /** {@code incomplete_details}: null when completed or when the raw reason is the status itself. */
  static String incompleteDetails(String finish) {
    return finish.equals("completed") || finish.equals("incomplete") ? "null" : "{\"reason\":" + quoted(finish) + "}";
  }

  static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }
}
