package org.syncspool.failures;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.syncspool.sync.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One target's {@link FailedList} and {@link Replayer}, as its worker uses them. */
public final class TargetFailures implements Failures {
  private static final Logger log = LoggerFactory.getLogger(TargetFailures.class);

  private final String targetId;
  private final FailedList list;
  private final Replayer replayer;

  public TargetFailures(String targetId, FailedList list, Replayer replayer) {
    this.targetId = targetId;
    this.list = list;
    this.replayer = replayer;
  }

  @Override
  public void add(List<FailedPath> paths, int exitCode, int attempts, String error,
                  long nowMillis) throws IOException {
    Instant now = Instant.ofEpochMilli(nowMillis);
    List<FailedEntry> entries = new ArrayList<>(paths.size());
    for (FailedPath p : paths) {
      entries.add(new FailedEntry(now, targetId, p.path(), p.tree(), exitCode, attempts, error));
    }
    list.append(entries);
  }

  @Override
  public long size() {
    return list.size();
  }

  @Override
  public void replay() throws IOException, InterruptedException {
    Replayer.Outcome o = replayer.replay(list, false);
    if (o.busy()) {
      log.debug("target {}: scheduled replay skipped: {} is being replayed by hand", targetId,
          list.file());
    }
    if (!o.busy() && (o.listed() > 0 || o.malformed() > 0)) {
      log.info("target {}: scheduled replay of {}: {} synced, {} still failing{}", targetId,
          list.file(), o.succeeded(), o.left(),
          o.malformed() > 0 ? ", " + o.malformed() + " malformed lines rejected" : "");
    }
  }

  @Override
  public String where() {
    return list.file().toString();
  }

  /** A replayer whose progress lines go to the log (the daemon's scheduled replays). */
  public static Replayer loggingReplayer(org.syncspool.sync.BatchRuns runs, int chunk,
                                         LongSupplier clock, String targetName) {
    return new Replayer(runs, chunk, clock, line -> log.info("target {}: replay: {}", targetName,
        line));
  }
}
