package dev.ailib.protocol.yaml;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.SourceLocation;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.DocumentMapping;
import dev.ailib.core.spi.manifest.ProviderContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Loads a v2 provider contract file ({@code v2/contracts/*.contract.yaml}) and checks the fields the runtime reads:
 * the required {@code contract_version} ({@code 1.0}), {@code provider_id}, {@code api_style} (one of the protocol's
 * styles), {@code request_mapping} and {@code response_mapping}, and the enumerated values of the document block
 * mapping. Same safe parsing and located errors as {@link ManifestLoader}. Thread-safe and stateless.
 */
public final class ContractLoader {
  /** The API styles a contract may declare. */
  public static final List<String> API_STYLES = List.of("openai_compatible", "anthropic_messages", "gemini_generate",
      "custom");

  private final YamlLimits limits;
  private final SafeTreeReader reader;

  private ContractLoader(YamlLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.reader = new SafeTreeReader(limits);
  }

  /** A loader with {@link YamlLimits#DEFAULT}. */
  public static ContractLoader create() {
    return new ContractLoader(YamlLimits.DEFAULT);
  }

  /**
   * Loads a file.
   *
   * @param file the contract
   * @return the contract
   * @throws ProtocolException when the file is missing, unreadable, too large, malformed or invalid
   */
  public ProviderContract load(Path file) {
    String source = file.toString();
    try {
      long size = Files.size(file);
      if (size > limits.maxBytes()) {
        throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "file is " + size
            + " bytes, larger than the limit of " + limits.maxBytes(), new SourceLocation(source, -1, -1, null), null);
      }
      return parse(source, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "contract file not found",
          new SourceLocation(source, -1, -1, null), null);
    } catch (IOException e) {
      throw new ProtocolException(StandardErrorCode.INVALID_REQUEST, "cannot read contract: " + e,
          new SourceLocation(source, -1, -1, null), e);
    }
  }

  /**
   * Parses contract content.
   *
   * @param source a name for messages; JSON when it ends in {@code .json}
   * @param content the bytes (UTF-8)
   * @return the contract
   * @throws ProtocolException when the content is malformed or invalid
   */
  public ProviderContract parse(String source, byte[] content) {
    Node root = Node.root(reader.read(source, content, source.toLowerCase(Locale.ROOT).endsWith(".json")));
    root.requireObject();
    Node version = root.get("contract_version");
    if (!version.present()) {
      throw version.error("missing required field 'contract_version'");
    }
    if (!"1.0".equals(version.scalarText())) {
      throw version.error("contract_version must be \"1.0\", found '" + version.scalarText() + "'");
    }
    String providerId = root.requiredText("provider_id");
    String apiStyle = root.requiredText("api_style");
    if (!API_STYLES.contains(apiStyle)) {
      throw root.get("api_style").error("unknown api_style '" + apiStyle + "'; expected one of " + API_STYLES);
    }
    Node request = root.get("request_mapping");
    if (!request.present()) {
      throw request.error("missing required field 'request_mapping'");
    }
    if (!root.get("response_mapping").present()) {
      throw root.get("response_mapping").error("missing required field 'response_mapping'");
    }
    Node document = request.requireObject().get("content_block_mapping").requireObject().get("document");
    return ProviderContract.builder().contractVersion(version.scalarText()).providerId(providerId)
        .apiStyle(apiStyle).apiVersion(root.get("api_version").scalarText())
        .document(document.present() ? documentMapping(document) : null).build();
  }

  /**
   * Parses a contract fragment holding only a {@code document} mapping ({@code {document: {...}}}).
   *
   * @param source a name for messages; JSON when it ends in {@code .json}
   * @param content the bytes (UTF-8)
   * @return the mapping
   * @throws ProtocolException when the fragment is malformed or a value is not one the protocol defines
   */
  public DocumentMapping parseDocumentMapping(String source, byte[] content) {
    Node root = Node.root(reader.read(source, content, source.toLowerCase(Locale.ROOT).endsWith(".json")));
    Node document = root.requireObject().get("document");
    if (!document.present()) {
      throw document.error("missing required field 'document'");
    }
    return documentMapping(document);
  }

  private static DocumentMapping documentMapping(Node d) {
    d.requireObject();
    String format = d.requiredText("format");
    if (!DocumentMapping.FORMATS.contains(format)) {
      throw d.get("format").error("unknown document format '" + format + "'; expected one of "
          + DocumentMapping.FORMATS);
    }
    String ref = d.get("ref_resolution").text();
    if (ref != null && !DocumentMapping.REF_RESOLUTIONS.contains(ref)) {
      throw d.get("ref_resolution").error("unknown ref_resolution '" + ref + "'; expected one of "
          + DocumentMapping.REF_RESOLUTIONS + " (a document reference is never passed through silently)");
    }
    return DocumentMapping.builder().format(format).typeField(d.get("type_field").text())
        .sourceWrapper(d.get("source_wrapper").text()).base64Field(d.get("base64_field").text())
        .mimeTypeField(d.get("mime_type_field").text()).defaultMimeType(d.get("default_mime_type").text())
        .refResolution(ref).build();
  }
}
