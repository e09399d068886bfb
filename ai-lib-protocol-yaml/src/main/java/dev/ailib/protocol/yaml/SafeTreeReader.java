package dev.ailib.protocol.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.SourceLocation;
import dev.ailib.api.error.StandardErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML or JSON into a Jackson tree while recording where every value starts. Safe by construction:
 * only plain data (maps, lists, strings, numbers, true/false, null; YAML 1.2 core scalars, so {@code yes}
 * and {@code on} stay strings), no custom tags, one document, and bounded size, depth, aliases and alias
 * expansion ({@link YamlLimits}). Aliases are expanded by reference, so a "billion laughs" file is rejected
 * on its size budget before any copy is made.
 */
final class SafeTreeReader {

  private static final Set<String> CORE_TAGS = Set.of("tag:yaml.org,2002:str", "tag:yaml.org,2002:int",
      "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
      "tag:yaml.org,2002:seq", "!");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final YamlLimits limits;
  private final YAMLFactory yaml;
  private final JsonFactory json;

  SafeTreeReader(YamlLimits limits) {
    this.limits = limits;
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(limits.maxBytes());
    options.setNestingDepthLimit(limits.maxDepth());
    options.setMaxAliasesForCollections(Math.max(1, limits.maxAliases()));
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(false);
    StreamReadConstraints constraints = StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth() + 1)
        .maxDocumentLength(limits.maxBytes()).build();
    this.yaml = YAMLFactory.builder().loaderOptions(options).streamReadConstraints(constraints).build();
    this.json = JsonFactory.builder().streamReadConstraints(constraints).build();
  }

  /**
   * Parses a document.
   *
   * @param source the file or resource name, for messages
   * @param bytes the content (UTF-8)
   * @param asJson true for JSON, false for YAML
   * @return the tree and its positions
   * @throws ProtocolException when the document is too large, malformed, or uses what plain data forbids
   */
  LocatedTree read(String source, byte[] bytes, boolean asJson) {
    if (bytes.length > limits.maxBytes()) {
      throw fail(source, -1, -1, null, "file is " + bytes.length + " bytes, larger than the limit of "
          + limits.maxBytes());
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    Map<String, int[]> positions = new HashMap<>();
    try (JsonParser parser = asJson ? json.createParser(text) : yaml.createParser(text)) {
      Builder builder = new Builder(source, parser, positions);
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw fail(source, 1, 1, null, "the file is empty; expected a manifest mapping");
      }
      JsonNode root = builder.value("", 0);
      if (!root.isObject()) {
        throw fail(source, 1, 1, null, "the document must be a mapping of manifest fields, found "
            + describe(root));
      }
      JsonToken extra = parser.nextToken();
      if (extra != null) {
        JsonLocation at = parser.currentTokenLocation();
        throw fail(source, at.getLineNr(), at.getColumnNr(), null,
            "more than one document in the file; a manifest is one YAML document");
      }
      return new LocatedTree(source, root, Map.copyOf(positions), text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw fail(source, at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(), null,
          (asJson ? "JSON" : "YAML") + " syntax error: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw fail(source, -1, -1, null, "cannot read: " + e.getMessage());
    } catch (ProtocolException e) {
      throw e;
    } catch (RuntimeException e) {
      // SnakeYAML reports its own limits (code points, nesting) with unchecked exceptions
      throw fail(source, -1, -1, null, "YAML rejected: " + firstLine(String.valueOf(e.getMessage())));
    }
  }

  static ProtocolException fail(String source, int line, int column, String field, String message) {
    return new ProtocolException(StandardErrorCode.INVALID_REQUEST, message,
        new SourceLocation(source, line, column, field), null);
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    switch (node.getNodeType()) {
      case OBJECT: return "a mapping";
      case ARRAY: return "a list";
      case STRING: return "the string '" + abbreviate(node.asText()) + "'";
      case NUMBER: return "the number " + node.asText();
      case BOOLEAN: return "the boolean " + node.asText();
      case NULL: return "null";
      default: return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown problem";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }

  /** Builds the tree for one document; tracks anchors, alias budget and positions. */
  private final class Builder {
    private final String source;
    private final JsonParser parser;
    private final YAMLParser yamlParser;
    private final Map<String, int[]> positions;
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private final Map<String, Long> anchorSizes = new HashMap<>();
    private int aliases;
    private long nodes;

    Builder(String source, JsonParser parser, Map<String, int[]> positions) {
      this.source = source;
      this.parser = parser;
      this.yamlParser = parser instanceof YAMLParser ? (YAMLParser) parser : null;
      this.positions = positions;
    }

    /** Builds the value at the current token; returns with the parser on the value's last token. */
    JsonNode value(String path, int depth) throws IOException {
      JsonLocation at = parser.currentTokenLocation();
      positions.put(path, new int[] {at.getLineNr(), at.getColumnNr()});
      if (depth > limits.maxDepth()) {
        throw fail(source, at.getLineNr(), at.getColumnNr(), path.isEmpty() ? null : path,
            "nesting deeper than " + limits.maxDepth() + " levels");
      }
      checkTag(path, at);
      if (yamlParser != null && yamlParser.isCurrentAlias()) {
        return alias(path, at);
      }
      String anchor = yamlParser == null ? null : yamlParser.getCurrentAnchor();
      long before = nodes;
      JsonNode node = build(path, depth, at);
      if (anchor != null) {
        anchors.put(anchor, node);
        anchorSizes.put(anchor, nodes - before);
      }
      return node;
    }

    private JsonNode build(String path, int depth, JsonLocation at) throws IOException {
      count(path, at, 1);
      JsonToken token = parser.currentToken();
      switch (token) {
        case START_OBJECT: {
          ObjectNode object = NODES.objectNode();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonLocation keyAt = parser.currentTokenLocation();
            String childPath = LocatedTree.child(path, name);
            if (object.has(name)) {
              throw fail(source, keyAt.getLineNr(), keyAt.getColumnNr(), childPath, "duplicate key '" + name + "'");
            }
            parser.nextToken();
            object.set(name, value(childPath, depth + 1));
          }
          return object;
        }
        case START_ARRAY: {
          ArrayNode array = NODES.arrayNode();
          int index = 0;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(LocatedTree.element(path, index++), depth + 1));
          }
          return array;
        }
        case VALUE_STRING:
          return NODES.textNode(parser.getText());
        case VALUE_NUMBER_INT:
          return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? NODES.numberNode(parser.getBigIntegerValue()) : NODES.numberNode(parser.getLongValue());
        case VALUE_NUMBER_FLOAT:
          return NODES.numberNode(parser.getDoubleValue());
        case VALUE_TRUE:
        case VALUE_FALSE: {
          // YAML 1.1 also reads yes/no/on/off/y/n as booleans; plain data keeps them as strings
          String raw = parser.getText();
          if (raw != null && !raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
            return NODES.textNode(raw);
          }
          return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
        }
        case VALUE_NULL:
          return NODES.nullNode();
        default:
          throw fail(source, at.getLineNr(), at.getColumnNr(), path.isEmpty() ? null : path,
              "unsupported YAML value (" + token + "); only plain data is allowed");
      }
    }

    private JsonNode alias(String path, JsonLocation at) throws IOException {
      String name = parser.getText();
      String field = path.isEmpty() ? null : path;
      if (++aliases > limits.maxAliases()) {
        throw fail(source, at.getLineNr(), at.getColumnNr(), field, "more than " + limits.maxAliases()
            + " aliases in one file (possible \"billion laughs\" alias bomb)");
      }
      JsonNode target = anchors.get(name);
      if (target == null) {
        throw fail(source, at.getLineNr(), at.getColumnNr(), field, "alias *" + name
            + " refers to no anchor (only mappings and lists can be anchored and reused)");
      }
      count(path, at, anchorSizes.getOrDefault(name, 1L));
      return target;
    }

    private void count(String path, JsonLocation at, long added) {
      nodes += added;
      if (nodes > limits.maxExpandedNodes()) {
        throw fail(source, at.getLineNr(), at.getColumnNr(), path.isEmpty() ? null : path,
            "document expands to more than " + limits.maxExpandedNodes()
                + " values (aliases multiply content: possible \"billion laughs\" alias bomb)");
      }
    }

    private void checkTag(String path, JsonLocation at) throws IOException {
      if (yamlParser == null) {
        return;
      }
      String tag = yamlParser.getTypeId();
      if (tag != null && !CORE_TAGS.contains(tag)) {
        throw fail(source, at.getLineNr(), at.getColumnNr(), path.isEmpty() ? null : path,
            "YAML tag '" + tag + "' is not allowed; manifests hold plain data only");
      }
    }
  }
}
