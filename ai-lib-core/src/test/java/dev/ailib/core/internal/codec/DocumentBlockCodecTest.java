package dev.ailib.core.internal.codec;

import static dev.ailib.core.internal.codec.CodecTestSupport.encode;
import static dev.ailib.core.internal.codec.CodecTestSupport.json;
import static dev.ailib.core.internal.codec.CodecTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.Message;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentBlockCodecTest {
  private static final ContentBlock PDF = ContentBlock.documentBase64("application/pdf", "JVBERi0=");
  private static final ContentBlock URL = ContentBlock.documentUrl("https://docs.test/a.pdf", "application/pdf");
  private static final ContentBlock REF = new ContentBlock.Document(null, null, "upload://abc", "application/pdf");

  private static JsonNode encodeUser(WireStyle style, ProviderManifest m, ContentBlock... blocks) {
    return encode(WireCodec.forStyle(style), request(List.of(Message.user(List.of(blocks)))), m, "m1", List.of(),
        false);
  }

  @Test
  void anthropicEncodesBase64AndUrlDocumentBlocks() {
    JsonNode body = encodeUser(WireStyle.ANTHROPIC_MESSAGES, TestManifests.messages("http://x"), PDF, URL);
    assertThat(body.path("messages").path(0).path("content")).isEqualTo(json("""
        [{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}},
         {"type":"document","source":{"type":"url","url":"https://docs.test/a.pdf"}}]"""));
  }

  @Test
  void geminiEncodesInlineDataAndFileData() {
    JsonNode body = encodeUser(WireStyle.GEMINI_GENERATE_CONTENT, TestManifests.generate("http://x"), PDF, URL);
    assertThat(body.path("contents").path(0).path("parts")).isEqualTo(json("""
        [{"inlineData":{"mimeType":"application/pdf","data":"JVBERi0="}},
         {"fileData":{"mimeType":"application/pdf","fileUri":"https://docs.test/a.pdf"}}]"""));
  }

  @Test
  void openAiEncodesAFilePartWithItsFilenameAndRejectsAPlainUrl() {
    JsonNode body = encodeUser(WireStyle.OPENAI_CHAT, TestManifests.chat("http://x"), PDF);
    assertThat(body.path("messages").path(0).path("content")).isEqualTo(json("""
        [{"type":"file","file":{"filename":"document.pdf","file_data":"data:application/pdf;base64,JVBERi0="}}]"""));
    JsonNode named = encodeUser(WireStyle.OPENAI_CHAT, TestManifests.chat("http://x"),
        ContentBlock.documentBase64("text/plain", "aGk=", "notes.txt"));
    assertThat(named.path("messages").path(0).path("content").path(0).path("file").path("filename").asText())
        .isEqualTo("notes.txt");
    assertThatThrownBy(() -> encodeUser(WireStyle.OPENAI_CHAT, TestManifests.chat("http://x"), URL))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("https://docs.test/a.pdf");
  }

  @Test
  void anUnresolvedReferenceFailsBeforeEncodingInEveryWireFormat() {
    for (WireStyle style : List.of(WireStyle.ANTHROPIC_MESSAGES, WireStyle.GEMINI_GENERATE_CONTENT,
        WireStyle.OPENAI_CHAT)) {
      ProviderManifest m = style == WireStyle.OPENAI_CHAT ? TestManifests.chat("http://x")
          : style == WireStyle.ANTHROPIC_MESSAGES ? TestManifests.messages("http://x") : TestManifests.generate("http://x");
      assertThatThrownBy(() -> encodeUser(style, m, REF)).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("upload://abc").hasMessageContaining("error_before_encode");
    }
  }

  @Test
  void aDocumentNeedsExactlyOneSource() {
    assertThatThrownBy(() -> new ContentBlock.Document("x", "https://y", null, "application/pdf"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ContentBlock.Document("x", null, null, null))
        .hasMessageContaining("mediaType");
  }
}
