package org.syncspool.config.xml;

import java.nio.file.Path;
import org.syncspool.config.ConfigException;
import org.syncspool.config.Engine;
import org.syncspool.config.WatcherKind;

/** Our {@code <syncspool .../>} block to {@link Engine}; whatever is missing keeps its default. */
final class EngineReader {
  private EngineReader() {}

  static Engine read(Values v, Dto.Syncspool s) throws ConfigException {
    Engine d = Engine.defaults();
    if (s == null) {
      return d;
    }
    Path stateDir = s.stateDir == null ? d.stateDir() : v.absolute(s, "stateDir", s.stateDir);
    Path journalDir = s.journalDir == null ? d.journalDir()
        : v.absolute(s, "journalDir", s.journalDir);
    // quietMillis 0 is meaningful (send each batch as soon as the journal is drained);
    // a zero backoff would spin against a target that is down.
    long quiet = v.number(s, "quietMillis", s.quietMillis, 0, Long.MAX_VALUE, d.quietMillis());
    long maxDelay = v.number(s, "maxDelayMillis", s.maxDelayMillis, 1, Long.MAX_VALUE,
        d.maxDelayMillis());
    if (quiet > maxDelay) {
      throw v.error(s, "<syncspool quietMillis=\"" + quiet + "\" maxDelayMillis=\"" + maxDelay
          + "\">: quietMillis must not exceed maxDelayMillis");
    }
    int maxBatch = v.integer(s, "maxBatchPaths", s.maxBatchPaths, 1, d.maxBatchPaths());
    long retry = v.number(s, "retryInitialMillis", s.retryInitialMillis, 1, Long.MAX_VALUE,
        d.retryInitialMillis());
    long retryMax = v.number(s, "retryMaxMillis", s.retryMaxMillis, 1, Long.MAX_VALUE,
        d.retryMaxMillis());
    if (retry > retryMax) {
      throw v.error(s, "<syncspool retryInitialMillis=\"" + retry + "\" retryMaxMillis=\""
          + retryMax + "\">: retryInitialMillis must not exceed retryMaxMillis");
    }
    int attempts = v.integer(s, "batchAttempts", s.batchAttempts, 1, d.batchAttempts());
    long backlog = v.number(s, "fullSyncBacklog", s.fullSyncBacklog, 1, Long.MAX_VALUE,
        d.fullSyncBacklog());
    // Cycles are hourly files: retention under two hours could delete the cycle being written.
    int retention = v.integer(s, "retentionHours", s.retentionHours, 2, d.retentionHours());
    int parallel = v.integer(s, "parallel", s.parallel, 1, d.parallel());
    WatcherKind watcher = d.watcher();
    if (s.watcher != null) {
      watcher = WatcherKind.parse(s.watcher.trim());
      if (watcher == null) {
        throw v.error(s, "<syncspool watcher=\"" + s.watcher
            + "\">: watcher must be auto, inotify or fanotify");
      }
    }
    return new Engine(stateDir, journalDir, quiet, maxDelay, maxBatch, retry, retryMax, attempts,
        backlog, retention, parallel, watcher);
  }
}
