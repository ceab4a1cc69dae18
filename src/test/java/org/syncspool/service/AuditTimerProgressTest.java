package org.syncspool.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.progress.Progress;
import org.syncspool.progress.ProgressBoard;
import org.syncspool.progress.ProgressText;
import org.syncspool.progress.Work;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.testing.FakeScheduler;
import org.syncspool.verify.ItemizedLine;
import org.syncspool.verify.LineRunner;
import org.syncspool.verify.TargetAudit;

/**
 * A scheduled audit is on the progress board while it runs (issue 16, item 6): begun with 0
 * differences, counted as the dry run finds them, off the board when it ends. The process runner
 * is the seam (a dry run that stops where the test says); the journal and config are real.
 */
class AuditTimerProgressTest {
  @TempDir Path dir;

  @Test
  void aScheduledAuditReportsItsProgressOnTheBoard() throws Exception {
    Path source = Files.createDirectories(dir.resolve("source"));
    Path mirror = Files.createDirectories(dir.resolve("mirror"));
    Path xml = dir.resolve("syncspool.xml");
    Files.writeString(xml, """
        <?xml version="1.0" encoding="UTF-8"?>
        <head version="2.5">
          <sersync>
            <localpath watch="%s"><remote path="%s"/></localpath>
            <rsync><commonParams params="-a"/></rsync>
          </sersync>
          <syncspool stateDir="%s"><verify every="24h"/></syncspool>
        </head>
        """.formatted(source, mirror, dir.resolve("state")));
    Config config = ConfigLoader.load(xml);
    String target = config.roots().get(0).targets().get(0).name();

    AtomicLong clock = new AtomicLong(1_000_000);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch oneFound = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    LineRunner runner = (argv, in, line) -> {
      if (argv.contains("-n") && argv.stream().anyMatch(a -> a.startsWith("--out-format"))
          && !argv.contains("--no-r")) {
        started.countDown();
        await(oneFound);
        clock.addAndGet(6_000); // the audit reports at most every 5 s
        line.accept((ItemizedLine.MARK + ">f+++++++++ a.txt").getBytes(StandardCharsets.UTF_8));
        await(finish);
      }
      return new ProcessRunner.Result(0, "", "", 1);
    };
    FakeScheduler scheduler = new FakeScheduler();
    ProgressBoard board = new ProgressBoard(scheduler);
    try (ChronicleJournal journal = ChronicleJournal.open(dir.resolve("state/journal"));
         AuditTimer timer = new AuditTimer(config, journal, runner, scheduler, clock::get,
             a -> { }, board)) {
      CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
        try {
          timer.runOnce();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      List<Progress> begun = board.of(target);
      assertThat(begun).extracting(Progress::work).containsExactly(Work.AUDIT);
      assertThat(begun.get(0).paths()).isZero();

      oneFound.countDown();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
          .until(() -> !board.of(target).isEmpty() && board.of(target).get(0).paths() == 1);
      assertThat(ProgressText.line(board.of(target).get(0), board.nanos()))
          .isEqualTo("target " + target + ": audit: 1 differences, 0:00 so far");

      finish.countDown();
      run.get(30, TimeUnit.SECONDS);
      assertThat(board.all()).as("off the board once it ended").isEmpty();
      assertThat(timer.last().get(target).outcome()).isEqualTo(TargetAudit.Outcome.DRIFT);
    }
  }

  private static void await(CountDownLatch l) {
    try {
      if (!l.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the dry run");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
