package org.syncspool.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.syncspool.testing.FakeScheduler;

/** The log line every period, on fake time: no sleeps. */
class ProgressLogTest {
  private final FakeScheduler scheduler = new FakeScheduler();
  private final ProgressBoard board = new ProgressBoard(scheduler);
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final ProgressLog log = new ProgressLog(board, scheduler, 5_000, lines::add);

  @Test
  void oneLinePerPeriodWhileTheWorkRuns() {
    log.start();
    scheduler.runUntilIdle();
    board.begin(Work.FULL_SYNC, "www", -1);
    board.fromRsync(Work.FULL_SYNC, "www")
        .line("      1,048,576  10%    1.00MB/s    0:00:09 (xfr#3, to-chk=60/100)");
    scheduler.advanceBy(4_999);
    assertThat(lines).isEmpty();
    scheduler.advanceBy(1);
    assertThat(lines).containsExactly(
        "target www: full sync: 40 of 100 paths, 1.0 MiB, 204 KiB/s, ~0:08 left");
    board.count(Work.FULL_SYNC, "www", 100, 2 << 20, 100);
    scheduler.advanceBy(5_000);
    assertThat(lines).hasSize(2).last().isEqualTo(
        "target www: full sync: 100 of 100 paths, 2.0 MiB, 204 KiB/s, ~0:00 left");
    board.end(Work.FULL_SYNC, "www");
    scheduler.advanceBy(15_000);
    assertThat(lines).hasSize(2);
    log.close();
    assertThat(scheduler.ended("syncspool-progress")).isTrue();
  }

  @Test
  void workShorterThanOnePeriodIsNotLogged() {
    log.start();
    scheduler.advanceBy(4_000);
    board.begin(Work.REPLAY, "r", 10); // begun 1 s before the tick
    scheduler.advanceBy(1_000);
    assertThat(lines).isEmpty();
    scheduler.advanceBy(5_000);
    assertThat(lines).containsExactly("target r: replay: 0 of 10 paths");
    log.close();
  }

  @Test
  void boardListsByTargetAndIgnoresCountsForWorkNotBegun() {
    board.count(Work.FULL_SYNC, "a", 5, 5, 5);
    assertThat(board.all()).isEmpty();
    board.begin(Work.REPLAY, "b", 3);
    board.begin(Work.FULL_SYNC, "b", -1);
    board.begin(Work.FULL_SYNC, "a", -1);
    assertThat(board.all()).extracting(p -> p.target() + "/" + p.work().key())
        .containsExactly("a/full_sync", "b/full_sync", "b/replay");
    assertThat(board.of("b")).hasSize(2);
    board.fromRsync(Work.FULL_SYNC, "a").line("garbage");
    board.fromRsync(Work.FULL_SYNC, "a").line("        32,768   0%    0.00kB/s    0:00:00");
    assertThat(board.of("a").get(0).bytes()).isEqualTo(32_768);
    board.fromRsync(Work.FULL_SYNC, "a")
        .line("   40,000   0%    0.00kB/s    0:00:00 (xfr#0, ir-chk=10/50)");
    assertThat(board.of("a").get(0)).extracting(Progress::paths, Progress::totalPaths)
        .containsExactly(40L, -1L);
  }
}
