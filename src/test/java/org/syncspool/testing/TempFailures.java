package org.syncspool.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.syncspool.config.Target;
import org.syncspool.failures.FailedEntry;
import org.syncspool.failures.FailedList;
import org.syncspool.failures.Replayer;
import org.syncspool.failures.TargetFailures;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.transfer.SourcePresence;
import org.syncspool.transfer.TreeLister;
import org.syncspool.time.Ticker;

/**
 * A target's real failed list in a test's temporary directory, never replayed on a schedule,
 * read back as {@code path} or {@code path/**} (with its subtree; the root is {@code /**}).
 */
public final class TempFailures {
  private final FailedList list;
  private final TargetFailures failures;

  public TempFailures(Target target, Path dir, Ticker ticker) {
    list = new FailedList(dir.resolve("failed-" + target.name().replace('/', '_') + ".jsonl"));
    BatchRuns runs = new BatchRuns(target, new RsyncCommand("rsync", target, "/unused"),
        new FakeProcessRunner(), TreeLister.UNFILTERED, dir, 1, SourcePresence.ALL_PRESENT);
    failures = new TargetFailures(target, list, new Replayer(runs, 100, () -> 0L, line -> { }),
        0, 1000, ticker);
  }

  public TargetFailures failures() {
    return failures;
  }

  private List<FailedEntry> entries() {
    try {
      return list.read().entries();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<String> paths() {
    return entries().stream().map(e -> new String(e.path(), StandardCharsets.UTF_8)
        + (e.tree() ? "/**" : "")).toList();
  }

  public List<Integer> exits() {
    return entries().stream().map(FailedEntry::exit).toList();
  }
}
