package org.syncspool.service.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.syncspool.config.Config;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.progress.Progress;
import org.syncspool.progress.ProgressBoard;
import org.syncspool.progress.ProgressText;
import org.syncspool.service.Daemon;
import org.syncspool.service.TargetParts;
import org.syncspool.worker.CursorNames;
import org.syncspool.worker.LagTracker;
import org.syncspool.worker.TargetWorker;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /status} and {@code syncspool status --json} print: per root and target, the
 * state, lag, last success and failed-list size. Field names are part of the interface (scripts
 * read them); add, never rename.
 *
 * @param version   the syncspool version
 * @param pid       the daemon's process id
 * @param startedAt when the daemon started (ISO-8601, UTC)
 * @param watches   inotify watches held
 * @param roots     one entry per {@code <localpath>}
 */
public record StatusReport(String version, long pid, @Nullable String startedAt, int watches,
                           List<RootStatus> roots) {

  /** One watched root. */
  public record RootStatus(int id, String watch, List<TargetStatus> targets) {}

  /**
   * One target.
   *
   * @param state          the worker's state ({@code IDLE} = caught up)
   * @param backlog        journal records not yet on the target
   * @param lagSeconds     seconds since the target was last caught up (0 when it is)
   * @param lastSuccess    when a batch last reached it (ISO-8601), null if never since start
   * @param lastExitCode   rsync's exit code of the latest run
   * @param failed         paths on its failed-transfer list
   * @param pausedUntil    while paused ({@code syncspool pause}): when the pause ends
   *                       (ISO-8601), or {@code "resume"} when it lasts until resumed; else null
   * @param lastAudit      the latest scheduled audit ({@code <syncspool><verify>}), null if none
   * @param fullSyncsDone  full syncs that reached the target since the daemon started
   * @param progress       the long work running for it now (full sync, replay), empty if none
   * @param bigLane        its big-file lane (docs/architecture.md, Two lanes), null when off
   */
  public record TargetStatus(String name, String state, long backlog, double lagSeconds,
                             @Nullable String lastSuccess, int lastExitCode, long failed,
                             @Nullable String pausedUntil, @Nullable AuditStatus lastAudit,
                             long fullSyncsDone, List<ProgressStatus> progress,
                             @Nullable BigLaneStatus bigLane) {
    public TargetStatus(String name, String state, long backlog, double lagSeconds,
                        @Nullable String lastSuccess, int lastExitCode, long failed,
                        @Nullable String pausedUntil, @Nullable AuditStatus lastAudit,
                        long fullSyncsDone, List<ProgressStatus> progress) {
      this(name, state, backlog, lagSeconds, lastSuccess, lastExitCode, failed, pausedUntil,
          lastAudit, fullSyncsDone, progress, null);
    }

    public TargetStatus(String name, String state, long backlog, double lagSeconds,
                        @Nullable String lastSuccess, int lastExitCode, long failed,
                        @Nullable String pausedUntil, @Nullable AuditStatus lastAudit) {
      this(name, state, backlog, lagSeconds, lastSuccess, lastExitCode, failed, pausedUntil,
          lastAudit, 0, List.of());
    }
  }

  /**
   * A target's big-file lane now.
   *
   * @param state          IDLE, SENDING (its rsync runs), WAITING (its last run failed: retry,
   *                       backoff or parked) or HELD (queued, but paused or a full sync waits)
   * @param sending        paths its rsync sends now
   * @param queued         paths waiting to be sent after (newer events, more big files)
   * @param path           the first path it holds (escaped as in logs), null when none
   * @param thresholdBytes files above this size take the lane
   */
  public record BigLaneStatus(String state, int sending, int queued, @Nullable String path,
                              long thresholdBytes) {
    static @Nullable BigLaneStatus of(org.syncspool.worker.Lanes.@Nullable Status s) {
      if (s == null) {
        return null;
      }
      return new BigLaneStatus(s.state().name(), s.sending(), s.queued(),
          s.first() == null ? null : s.first().toString(), s.threshold());
    }
  }

  /**
   * Long work running for a target (progress.Progress, read at the time of the report).
   *
   * @param work           full_sync or replay
   * @param paths          paths done so far
   * @param bytes          bytes transferred so far, -1 when unknown (a replay)
   * @param totalPaths     paths in all, -1 while unknown (rsync still listing)
   * @param percent        of the paths, -1 while the total is unknown
   * @param elapsedSeconds since it began
   * @param bytesPerSecond since it began, -1 when unknown
   * @param secondsLeft    estimated, -1 when unknown
   * @param text           all of it as the log line says it ({@code 123 of 200 paths, ...})
   */
  public record ProgressStatus(String work, long paths, long bytes, long totalPaths, int percent,
                               double elapsedSeconds, long bytesPerSecond, long secondsLeft,
                               String text) {
    static ProgressStatus of(Progress p, long now) {
      return new ProgressStatus(p.work().key(), p.paths(), p.bytes(), p.totalPaths(),
          p.percent(), p.elapsedMillis(now) / 1000.0, p.bytesPerSecond(now), p.secondsLeft(now),
          String.join(", ", ProgressText.fields(p, now)));
    }
  }

  /**
   * A target's latest scheduled audit.
   *
   * @param finished when it ended (ISO-8601)
   * @param outcome  ok, drift, unreachable, skipped or failed
   * @param drift    paths per kind of drift (kinds with none left out)
   * @param detail   why it was skipped or failed, else empty
   */
  public record AuditStatus(String finished, String outcome, java.util.Map<String, Integer> drift,
                            long millis, String detail) {
    static @Nullable AuditStatus of(org.syncspool.verify.@Nullable TargetAudit a) {
      if (a == null) {
        return null;
      }
      java.util.Map<String, Integer> d = new java.util.TreeMap<>();
      a.drift().forEach((k, ps) -> d.put(k.label(), ps.size()));
      return new AuditStatus(Instant.ofEpochMilli(a.finishedMillis()).toString(),
          a.outcome().name().toLowerCase(java.util.Locale.ROOT), d, a.millis(), a.detail());
    }
  }

  /** The state of a target whose daemon is not running (offline status). */
  public static final String NOT_RUNNING = "NOT_RUNNING";

  /**
   * What the disk says while no daemon answers: each target's backlog (the journal, opened
   * read-only, never created) and failed-list size; state {@link #NOT_RUNNING}, pid 0, lag 0,
   * no start time or last success (only the daemon knows them).
   */
  public static StatusReport offline(Config config, String version) {
    ChronicleJournal journal = null;
    try {
      journal = ChronicleJournal.openReadOnly(config.engine().journal());
    } catch (RuntimeException noJournal) {
      // never started here, or not readable: backlog unknown, shown as 0
    }
    try {
      List<RootStatus> roots = new ArrayList<>();
      for (Root r : config.roots()) {
        List<TargetStatus> targets = new ArrayList<>();
        for (Target t : r.targets()) {
          long backlog = journal == null ? 0 : journal.backlog(CursorNames.of(t.id()));
          targets.add(new TargetStatus(t.name(), NOT_RUNNING, backlog, 0, null, 0,
              TargetParts.failedList(config, t).size(), null, null));
        }
        roots.add(new RootStatus(r.id(), r.watch().toString(), targets));
      }
      return new StatusReport(version, 0, null, 0, roots);
    } finally {
      if (journal != null) {
        journal.close();
      }
    }
  }

  private static @Nullable String paused(long until) {
    return until == 0 ? null : until == org.syncspool.worker.Pause.FOREVER ? "resume"
        : Instant.ofEpochMilli(until).toString();
  }

  private static List<ProgressStatus> progress(ProgressBoard board, String target) {
    long now = board.nanos();
    return board.of(target).stream().map(p -> ProgressStatus.of(p, now)).toList();
  }

  /** Reads the daemon's current state. */
  public static StatusReport of(Daemon daemon, LagTracker lag, String version, long startedMillis) {
    List<RootStatus> roots = new ArrayList<>();
    for (Root r : daemon.config().roots()) {
      List<TargetStatus> targets = new ArrayList<>();
      for (TargetWorker w : daemon.workers()) {
        if (w.target().rootId() != r.id()) {
          continue;
        }
        long ok = w.lastSuccessMillis();
        targets.add(new TargetStatus(w.target().name(), w.state().name(), w.backlog(),
            lag.lagMillis(w.target()) / 1000.0, ok == 0 ? null : Instant.ofEpochMilli(ok).toString(),
            w.lastExitCode(), w.failedCount(), paused(daemon.pauses().until(w.target())),
            AuditStatus.of(daemon.audits() == null ? null
                : daemon.audits().last().get(w.target().name())), w.fullSyncsDone(),
            progress(daemon.progress(), w.target().name()), BigLaneStatus.of(w.bigLane())));
      }
      roots.add(new RootStatus(r.id(), r.watch().toString(), targets));
    }
    return new StatusReport(version, ProcessHandle.current().pid(),
        Instant.ofEpochMilli(startedMillis).toString(), daemon.watchCount(), roots);
  }
}
