package dev.ailib.core.spi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpHeadersTest {
  @Test
  void namesDifferingInCaseAreMergedInOrderUnderTheFirstSpelling() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("X-Trace", List.of("a", "b"));
    m.put("content-type", List.of("application/json"));
    m.put("x-trace", List.of("c"));
    HttpHeaders h = HttpHeaders.of(m);
    assertEquals(List.of("a", "b", "c"), h.all("X-TRACE"));
    assertEquals(List.of("X-Trace", "content-type"), List.copyOf(h.names()));
    assertEquals("application/json", h.first("Content-Type").orElseThrow());
  }

  @Test
  void valuesAreCopiedAndImmutable() {
    List<String> values = new ArrayList<>(List.of("1"));
    HttpHeaders h = HttpHeaders.of(Map.of("Retry-After", values));
    values.add("2");
    assertEquals(List.of("1"), h.all("retry-after"));
    assertThrows(UnsupportedOperationException.class, () -> h.all("retry-after").add("3"));
  }
}
