package dev.ailib.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void ratiosAreTakenAgainstTheRawBaselineOfTheSameRound() {
    BenchMain.Report r = new BenchMain.Report();
    r.load(List.of(
        "stream\t1\t0\traw\t1\t1000\t1000000000\t2000000\t500000000\t",
        "stream\t1\t0\tai-lib\t1\t1000\t500000000\t1000000\t250000000\t",
        "stream\t1\t1\traw\t1\t1000\t2000000000\t2000000\t500000000\t",
        "stream\t1\t1\tai-lib\t1\t1000\t1000000000\t1000000\t250000000\t",
        "conn\t1\t0\tai-lib\t2\t0",
        "conn\t1\t0\tai-lib httpclient5\t2\t2",
        "unavailable\tstream\topenai-java\tboom"));
    String table = r.render(new Args(new String[] {"--concurrency", "1000"}));
    // ai-lib is twice as fast as raw in both rounds, whatever the absolute speed of each round
    assertThat(table).contains("(2.00x [2.00-2.00])");
    assertThat(table).contains("loopback streaming throughput >= 1.0x raw: 2.00x (met)");
    assertThat(table).contains("loopback streaming <= 2 KB allocated per chunk (all client threads): 1,000 B (met)");
    assertThat(table).contains("- stream openai-java: boom");
    assertThat(table).contains("0 new connections per stream after warm-up: 0.00 (met)");
    assertThat(table).contains("0 new connections per stream after warm-up (httpclient5): 1.00 (missed: 2 for 2 streams)");
  }

  @Test
  void missedTargetsSayByHowMuch() {
    BenchMain.Report r = new BenchMain.Report();
    r.load(List.of(
        "call\t1\t0\traw\t100\t0\t1000000000\t0\t100000000\t",
        "call\t1\t0\tai-lib\t100\t0\t1000000000\t0\t150000000\t",
        "concurrency\tai-lib (push)\t1000\t1000\t1000\t10485760\t314572800\t20\t40\t6.00\t",
        "concurrency\tai-lib httpclient5 (push)\t1000\t999\t1000\t10485760\t52428800\t20\t80\t6.00\t1 failed"));
    String table = r.render(new Args(new String[0]));
    assertThat(table).contains("per-call CPU <= 1.0x raw: 1.50x (missed by 50%)");
    assertThat(table).contains("1,000 concurrent push streams within 128 MB heap after GC: 300 MB (missed by 172 MB)");
    assertThat(table).contains("1,000 concurrent push streams on <= 64 live threads: 40 (met)");
    assertThat(table).contains("1,000 concurrent push streams within 128 MB heap after GC (httpclient5): 50 MB (met)");
    assertThat(table).contains("1,000 concurrent push streams on <= 64 live threads (httpclient5): 80 (missed by 16)");
    assertThat(table).contains("1,000 concurrent push streams, every text checked (httpclient5): 999 of 1000 right "
        + "(missed)");
  }

  @Test
  void shortStreamsHaveTheirOwnRowsAndTargets() {
    BenchMain.Report r = new BenchMain.Report();
    r.load(List.of(
        "stream100\t1\t0\traw\t100\t100\t1000000000\t20000000\t500000000\t",
        "stream100\t1\t0\tai-lib\t100\t100\t1250000000\t10000000\t250000000\t",
        "stream100\t1\t0\tai-lib httpclient5\t100\t100\t800000000\t10000000\t250000000\t"));
    String table = r.render(new Args(new String[0]));
    assertThat(table).contains("| Loopback streaming, 100-chunk streams: chunks/s | 8,000 (0.80x [0.80-0.80])");
    assertThat(table).contains("loopback streaming throughput, 100-chunk streams, >= 1.0x raw: 0.80x (missed by 20%)");
    assertThat(table).contains("loopback streaming throughput, 100-chunk streams, >= 1.0x raw (httpclient5): 1.25x (met)");
    assertThat(table).contains("| Loopback streaming, 100-chunk streams: bytes allocated per chunk (all client threads) "
        + "| 1,000 | 1,000 | 2,000 |");
  }

  @Test
  void medianOfEvenAndOdd() {
    assertThat(Table.median(new double[] {3, 1, 2})).isEqualTo(2.0);
    assertThat(Table.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
  }
}
