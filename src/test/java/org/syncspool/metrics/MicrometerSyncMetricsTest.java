package org.syncspool.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.config.Target;
import org.syncspool.batch.Batch;
import org.syncspool.rsync.RsyncExit;
import org.syncspool.worker.WorkerListener.BatchReport;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/** The adapter's counting, without a daemon: records in, Prometheus text out. */
class MicrometerSyncMetricsTest {
  static final Target T = new Target("0:/m", "/m", 0, Target.Mode.LOCAL, null, null,
      Path.of("/m"), null, null, null, List.of("-a"), null, true);

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void eventsAreCountedByKindAndAnOverflowOncePerRecord() {
    MicrometerSyncMetrics m = new MicrometerSyncMetrics();
    EventBatch batch = new EventBatch().reset(1000);
    batch.add(EventKind.CREATE, false, 0, 0, b("a"), 0, 1);
    batch.add(EventKind.CLOSE_WRITE, false, 0, 0, b("a"), 0, 1);
    batch.add(EventKind.CLOSE_WRITE, false, 0, 0, b("b"), 0, 1);
    m.appended(batch, 7);
    EventBatch overflow = new EventBatch().reset(2000);
    overflow.add(EventKind.RESCAN, true, 0, 0, new byte[0], 0, 0);
    overflow.add(EventKind.RESCAN, true, 1, 0, new byte[0], 0, 0);
    m.appended(overflow, 8);
    String text = m.scrape();
    assertThat(text).contains("syncspool_events_total{kind=\"close_write\"} 2.0")
        .contains("syncspool_events_total{kind=\"create\"} 1.0")
        .contains("syncspool_events_total{kind=\"rescan\"} 2.0")
        .contains("syncspool_journal_appends_total 2.0")
        .contains("syncspool_overflows_total 1.0");
  }

  @Test
  void progressGaugesReadTheBoardAndAreZeroWhenNothingRuns() {
    long[] now = {0};
    org.syncspool.progress.ProgressBoard board =
        new org.syncspool.progress.ProgressBoard(() -> now[0]);
    MicrometerSyncMetrics m = new MicrometerSyncMetrics();
    m.bindProgress(List.of("/m"), board);
    assertThat(m.scrape())
        .contains("syncspool_progress_running{target=\"/m\",work=\"full_sync\"} 0.0")
        .contains("syncspool_progress_paths{target=\"/m\",work=\"replay\"} 0.0")
        .contains("syncspool_progress_running{target=\"/m\",work=\"audit\"} 0.0");
    board.begin(org.syncspool.progress.Work.FULL_SYNC, "/m", -1);
    board.count(org.syncspool.progress.Work.FULL_SYNC, "/m", 50, 4096, 200);
    now[0] = 2_000_000_000L;
    assertThat(m.scrape())
        .contains("syncspool_progress_running{target=\"/m\",work=\"full_sync\"} 1.0")
        .contains("syncspool_progress_paths{target=\"/m\",work=\"full_sync\"} 50.0")
        .contains("syncspool_progress_bytes{target=\"/m\",work=\"full_sync\"} 4096.0")
        .contains("syncspool_progress_total_paths{target=\"/m\",work=\"full_sync\"} 200.0")
        .contains("syncspool_progress_seconds_left{target=\"/m\",work=\"full_sync\"} 6.0")
        .contains("syncspool_progress_running{target=\"/m\",work=\"replay\"} 0.0");
    board.end(org.syncspool.progress.Work.FULL_SYNC, "/m");
    assertThat(m.scrape())
        .contains("syncspool_progress_paths{target=\"/m\",work=\"full_sync\"} 0.0");
  }

  @Test
  void aFailedThenSyncedBatchCountsTwoRunsOneBatchAndItsLatency() {
    MicrometerSyncMetrics m = new MicrometerSyncMetrics();
    Batch batch = new Batch(List.of(), List.of(), false, false, 1_000);
    m.batchEnded(new BatchReport(T, batch, 10, RsyncExit.UNREACHABLE, 1, false, 1_100, 1_200, "x"));
    m.batchEnded(new BatchReport(T, batch, 0, RsyncExit.DONE, 2, false, 3_000, 3_500, ""));
    String text = m.scrape();
    assertThat(text)
        .contains("syncspool_rsync_runs_total{outcome=\"unreachable\",target=\"/m\"} 1.0")
        .contains("syncspool_rsync_runs_total{outcome=\"done\",target=\"/m\"} 1.0")
        .contains("syncspool_batches_total{result=\"synced\",target=\"/m\"} 1.0")
        .contains("syncspool_rsync_duration_seconds_count{target=\"/m\"} 2")
        .contains("syncspool_replication_latency_seconds_count{target=\"/m\"} 1")
        .contains("syncspool_replication_latency_seconds_sum{target=\"/m\"} 2.5");
  }

  @Test
  void aFullSyncIsCountedAsSuch() {
    MicrometerSyncMetrics m = new MicrometerSyncMetrics();
    Batch full = new Batch(List.of(), List.of(), false, true, 0);
    m.batchEnded(new BatchReport(T, full, 0, RsyncExit.DONE, 1, false, 0, 10, ""));
    assertThat(m.scrape()).contains("syncspool_full_syncs_total{target=\"/m\"} 1.0");
  }

  /** The kernel's own minimum default is 8192; "1" was a short read of procfs. */
  @Test
  void theWatchLimitIsTheKernelsNumber() throws Exception {
    Process p = new ProcessBuilder("cat", "/proc/sys/fs/inotify/max_user_watches").start();
    String expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    assertThat(p.waitFor()).isZero();
    assertThat(MicrometerSyncMetrics.watchLimit()).isEqualTo(Double.parseDouble(expected))
        .isGreaterThanOrEqualTo(8192);
  }
}
