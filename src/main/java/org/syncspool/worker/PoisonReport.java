package org.syncspool.worker;

import org.syncspool.batch.Batch;
import org.syncspool.rsync.RsyncExit;
import java.util.ArrayList;
import java.util.List;
import org.syncspool.config.Target;
import org.syncspool.failures.TargetFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one log line for a batch that was split because rsync refused it (see {@link Verdict}):
 * which paths were isolated and listed as failed, with rsync's words, and how many went through.
 */
final class PoisonReport {
  private static final Logger log = LoggerFactory.getLogger(TargetWorker.class);
  private static final int SHOWN = 5;

  private final int total;
  private final List<String> paths = new ArrayList<>();
  private int isolated;
  private int exitCode;
  private String error = "";

  PoisonReport(int total) {
    this.total = total;
  }

  void isolated(Batch piece, int code, String err) {
    isolated += piece.size();
    if (paths.size() < SHOWN) {
      paths.add(piece.describe(SHOWN));
    }
    if (error.isEmpty()) {
      exitCode = code;
      error = err;
    }
  }

  void log(Target target, TargetFailures failed) {
    if (isolated == 0) {
      return;
    }
    log.warn("target {}: rsync refused {} of {} paths of a batch (exit {} ({}): {}): {}; listed in "
        + "{} for replay, the other {} delivered", target.name(), isolated, total, exitCode,
        RsyncExit.describe(exitCode), error, String.join(", ", paths), failed.where(),
        total - isolated);
  }
}
