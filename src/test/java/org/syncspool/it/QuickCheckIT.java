package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.Target;
import org.syncspool.batch.Batch;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.transfer.TreeLister;

/**
 * rsync's quick check (size + mtime) must not hide a rewrite: a file rewritten with the same
 * size within the same second as the last run reaches the target. With rsync's default
 * whole-second comparison it did not, not even with a full sync. Real rsync, local target.
 */
class QuickCheckIT {
  @TempDir
  Path tmp;

  @Test
  void aSameSizeRewriteWithinTheSameSecondIsSent() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path dst = Files.createDirectories(tmp.resolve("dst"));
    Target t = new Target("0:" + dst, dst.toString(), 0, Target.Mode.LOCAL, null, null, dst, null,
        null, null, List.of("-a"), null, true);
    BatchRuns runs = new BatchRuns(t, new RsyncCommand("rsync", t, src.toString()),
        new SystemProcessRunner(), TreeLister.UNFILTERED, tmp.resolve("tmp"));
    Path f = src.resolve("f.txt");
    Instant second = Instant.parse("2026-01-01T10:00:00Z");
    Batch batch = new Batch(List.of(PathKey.of("f.txt")), List.of(), false, false, 0);

    Files.writeString(f, "aaaa");
    Files.setLastModifiedTime(f, FileTime.from(second.plusMillis(100)));
    assertThat(runs.run(batch).exitCode()).isZero();
    Files.writeString(f, "bbbb"); // same size, same second, 100 ms later
    Files.setLastModifiedTime(f, FileTime.from(second.plusMillis(200)));
    assertThat(runs.run(batch).exitCode()).isZero();

    assertThat(Files.readString(dst.resolve("f.txt"))).isEqualTo("bbbb");
    assertThat(runs.run(new Batch(List.of(), List.of(), false, true, 0)).exitCode()).isZero();
    assertThat(Files.getLastModifiedTime(dst.resolve("f.txt")))
        .isEqualTo(Files.getLastModifiedTime(f));
  }
}
