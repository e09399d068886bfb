package dev.ailib.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.mcp.McpFailure;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  private static McpError rpc(int code, String message, Object data) {
    return new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(code, message, data));
  }

  @Test
  void jsonRpcErrorsAreClassifiedByCode() {
    assertThat(Failures.classify(rpc(McpSchema.ErrorCodes.INVALID_PARAMS, "bad path", null)))
        .isEqualTo(new Failures.Classified(McpFailure.INVALID_ARGUMENTS, "the server rejected the call: bad path"));
    assertThat(Failures.classify(rpc(-32603, "boom", null)).failure()).isEqualTo(McpFailure.PROTOCOL_ERROR);
    assertThat(Failures.classify(rpc(-32603, "boom", null)).message()).contains("-32603").contains("boom");
  }

  @Test
  void localAnswersKeepTheirClassification() {
    Object data = new TrackingTransport.LocalFailure(McpFailure.CANCELLED, "closed");
    assertThat(Failures.classify(new RuntimeException("wrapped", rpc(-32603, "closed", data))))
        .isEqualTo(new Failures.Classified(McpFailure.CANCELLED, "closed"));
  }

  @Test
  void transportFailuresAreUnavailableWhereverTheyAreWrapped() {
    Failures.Classified c = Failures.classify(new CompletionException(new RuntimeException("Client failed to initialize",
        new McpTransportException("send failed", new ConnectException("Connection refused")))));
    assertThat(c.failure()).isEqualTo(McpFailure.SERVER_UNAVAILABLE);
    assertThat(c.message()).contains("ConnectException: Connection refused");
    assertThat(Failures.classify(new ConnectException("refused")).failure()).isEqualTo(McpFailure.SERVER_UNAVAILABLE);
  }

  @Test
  void timeoutsAndTheRest() {
    assertThat(Failures.classify(new RuntimeException(new TimeoutException("late"))).failure())
        .isEqualTo(McpFailure.TIMEOUT);
    Failures.Classified other = Failures.classify(new IllegalStateException("Server does not provide tools"));
    assertThat(other.failure()).isEqualTo(McpFailure.PROTOCOL_ERROR);
    assertThat(other.message()).contains("Server does not provide tools");
  }
}
