package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.DocumentMapping;
import dev.ailib.core.spi.manifest.ProviderContract;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContractLoaderTest {
  private static ProviderContract parse(String yaml) {
    return ContractLoader.create().parse("c.contract.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void mapsTheDocumentBlockMapping() {
    ProviderContract anthropic = parse("""
        contract_version: "1.0"
        provider_id: p1
        api_style: anthropic_messages
        response_mapping: {content_path: content, finish_reason_path: stop_reason}
        request_mapping:
          content_block_mapping:
            document:
              format: anthropic_document
              base64_field: source.data
              ref_resolution: error_before_encode
        """);
    assertThat(anthropic.apiStyle()).isEqualTo("anthropic_messages");
    assertThat(anthropic.document().format()).isEqualTo("anthropic_document");
    assertThat(anthropic.document().base64Field()).isEqualTo("source.data");
    ProviderContract gemini = parse("""
        contract_version: "1.0"
        provider_id: p2
        api_style: gemini_generate
        response_mapping: {content_path: candidates, finish_reason_path: finishReason}
        request_mapping:
          content_block_mapping:
            document: {format: gemini_inline_data, ref_resolution: error_before_encode}
        """);
    assertThat(gemini.document().format()).isEqualTo("gemini_inline_data");
    assertThat(gemini.document().refResolution()).isEqualTo("error_before_encode");
  }

  @Test
  void rejectsUnknownValuesWithTheirLocation() {
    String base = """
        contract_version: "1.0"
        provider_id: p1
        api_style: anthropic_messages
        response_mapping: {content_path: x, finish_reason_path: y}
        request_mapping:
          content_block_mapping:
            document: {format: anthropic_document, ref_resolution: %s}
        """;
    assertThat(parse(base.formatted("resolve_at_runtime")).document().refResolution()).isEqualTo("resolve_at_runtime");
    assertThatThrownBy(() -> parse(base.formatted("pass_through"))).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("c.contract.yaml:7:").hasMessageContaining("document.ref_resolution")
        .hasMessageContaining("pass_through").hasMessageContaining("error_before_encode");
    assertThatThrownBy(() -> parse(base.formatted("error_before_encode").replace("anthropic_messages", "soap")))
        .hasMessageContaining("unknown api_style 'soap'");
    assertThatThrownBy(() -> parse(base.formatted("error_before_encode").replace("\"1.0\"", "\"2.0\"")))
        .hasMessageContaining("contract_version");
  }

  @Test
  void aFragmentDefaultsToErrorBeforeEncode() {
    DocumentMapping d = ContractLoader.create().parseDocumentMapping("f.yaml",
        "document: {format: openai_file}".getBytes(StandardCharsets.UTF_8));
    assertThat(d.refResolution()).isEqualTo(DocumentMapping.REF_RESOLUTIONS.get(0));
  }
}
