package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.Target;
import org.syncspool.batch.Batch;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.batch.Rename;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.transfer.TreeLister;
import org.syncspool.testing.RsyncDaemon;
import org.syncspool.testing.TreeAssert;

/**
 * Renames against a real loopback rsync daemon: the data is linked or delta-copied from the old
 * copy on the target, not resent. Evidence: the target file keeps its inode (a hard link of the
 * old copy), and rsync's own --stats count of literal data.
 */
class RenameIT {
  private static final int MIB = 1024 * 1024;
  @TempDir
  Path tmp;
  private RsyncDaemon rsyncd;
  private Path source;
  private final List<ProcessRunner.Result> results = new ArrayList<>();
  private final ProcessRunner runner = new ProcessRunner() {
    private final SystemProcessRunner real = new SystemProcessRunner();

    @Override
    public Result run(List<String> argv, StdinWriter input) throws IOException, InterruptedException {
      Result r = real.run(argv, input);
      results.add(r);
      return r;
    }
  };
  private BatchRuns runs;

  @BeforeEach
  void start() throws Exception {
    rsyncd = RsyncDaemon.start(tmp.resolve("rsyncd"));
    source = Files.createDirectories(tmp.resolve("source"));
    Target t = new Target("0:d", "d", 0, Target.Mode.DAEMON, "127.0.0.1", RsyncDaemon.MODULE, null,
        rsyncd.port(), RsyncDaemon.USER, rsyncd.passwordFile(), List.of("-a", "--stats"), 30, true);
    runs = new BatchRuns(t, new RsyncCommand("rsync", t, source.toString()), runner,
        TreeLister.UNFILTERED, tmp.resolve("tmp"));
  }

  @AfterEach
  void stop() throws InterruptedException {
    rsyncd.close();
  }

  private void fill(Path dir, int files, int bytes) throws IOException {
    Files.createDirectories(dir);
    Random r = new Random(files);
    byte[] data = new byte[bytes];
    for (int i = 0; i < files; i++) {
      r.nextBytes(data);
      Files.write(dir.resolve("f" + i), data);
    }
  }

  private void fullSync() throws Exception {
    assertThat(runs.run(new Batch(List.of(), List.of(), false, true, 0)).exitCode()).isZero();
  }

  private static Object inode(Path p) throws IOException {
    return Files.getAttribute(p, "unix:ino");
  }

  /** Sum of "Literal data: N bytes" over every run so far: what actually crossed as file data. */
  private long literalBytes() {
    Pattern p = Pattern.compile("Literal data: ([\\d,]+) bytes");
    long sum = 0;
    for (ProcessRunner.Result r : results) {
      Matcher m = p.matcher(r.stdout());
      while (m.find()) {
        sum += Long.parseLong(m.group(1).replace(",", ""));
      }
    }
    return sum;
  }

  private Batch renameBatch(String from, String to, boolean dir) {
    PathKey f = PathKey.of(from);
    PathKey t = PathKey.of(to);
    return new Batch(dir ? List.of(f) : List.of(f, t), dir ? List.of(t) : List.of(), false, false,
        0, List.of(), List.of(new Rename(f, t, dir)));
  }

  @Test
  void aRenamedDirectoryIsLinkedFromItsOldCopyNotResent() throws Exception {
    fill(source.resolve("old"), 4, MIB);
    fullSync();
    Object before = inode(rsyncd.moduleDir().resolve("old/f0"));
    Files.move(source.resolve("old"), source.resolve("new"));
    results.clear();

    ProcessRunner.Result r = runs.run(renameBatch("old", "new", true));
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("Literal data: 0 bytes"); // the link run's stats are in it

    TreeAssert.assertMirrors(source, rsyncd.moduleDir());
    assertThat(inode(rsyncd.moduleDir().resolve("new/f0"))).isEqualTo(before);
    assertThat(literalBytes()).isZero();
  }

  @Test
  void aRenameWhoseOldCopyIsGoneOnTheTargetIsSentNormally() throws Exception {
    fill(source.resolve("old"), 2, 64 * 1024);
    fullSync();
    for (int i = 0; i < 2; i++) {
      Files.delete(rsyncd.moduleDir().resolve("old/f" + i));
    }
    Files.delete(rsyncd.moduleDir().resolve("old"));
    Files.move(source.resolve("old"), source.resolve("new"));
    results.clear();

    assertThat(runs.run(renameBatch("old", "new", true)).exitCode()).isZero();

    TreeAssert.assertMirrors(source, rsyncd.moduleDir());
    assertThat(literalBytes()).isEqualTo(2 * 64 * 1024);
  }

  @Test
  void aRotatedLogIsDeltaCopiedFromTheOldName() throws Exception {
    Path logs = Files.createDirectories(source.resolve("logs"));
    fill(logs, 1, 4 * MIB);
    Files.move(logs.resolve("f0"), logs.resolve("app.log"));
    fullSync();
    Files.move(logs.resolve("app.log"), logs.resolve("app.log.1"));
    Files.writeString(logs.resolve("app.log"), "fresh\n");
    results.clear();

    assertThat(runs.run(renameBatch("logs/app.log", "logs/app.log.1", false)).exitCode()).isZero();

    TreeAssert.assertMirrors(source, rsyncd.moduleDir());
    assertThat(literalBytes()).isLessThan(4 * MIB / 100).isEqualTo("fresh\n".length());
  }
}
