package org.syncspool.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.syncspool.config.AuditSchedule;
import org.syncspool.config.Config;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.fs.FileSystem;
import org.syncspool.fs.FileType;
import org.syncspool.fs.NativeFileSystem;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.progress.ProgressBoard;
import org.syncspool.progress.Work;
import org.syncspool.batch.PathKey;
import org.syncspool.time.Scheduler;
import org.syncspool.time.Waiter;
import org.syncspool.verify.Auditor;
import org.syncspool.verify.DriftKind;
import org.syncspool.verify.JournalChanges;
import org.syncspool.verify.LineRunner;
import org.syncspool.verify.LowPriority;
import org.syncspool.verify.RepairEvents;
import org.syncspool.verify.TargetAudit;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.PathFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * {@code <syncspool><verify every/>}: audits every target against its source on a schedule, on
 * its own thread (an audit of a big tree takes long; crontab and retention keep their timer).
 * It never delays replication: one target at a time, rsync under {@link LowPriority}, a target
 * that is down is skipped (and says so), and a repair only journals the drifted paths
 * ({@link RepairEvents}) for the workers to send like any change. One log line per target per run.
 */
public final class AuditTimer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AuditTimer.class);

  private final Config config;
  private final AuditSchedule schedule;
  private final ChronicleJournal journal;
  private final LineRunner runner;
  private final Scheduler scheduler;
  private final Waiter waiter;
  private final LongSupplier clock;
  private final Consumer<TargetAudit> listener;
  private final ProgressBoard progress;
  private final boolean ionice = Files.isExecutable(Path.of("/usr/bin/ionice"))
      || Files.isExecutable(Path.of("/bin/ionice"));
  private final Map<String, TargetAudit> last = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private Scheduler.@Nullable Handle thread;

  AuditTimer(Config config, ChronicleJournal journal, LineRunner runner, Scheduler scheduler,
             LongSupplier clock, Consumer<TargetAudit> listener, ProgressBoard progress) {
    this.config = config;
    this.schedule = config.audit();
    this.journal = journal;
    this.runner = runner;
    this.scheduler = scheduler;
    this.waiter = scheduler.waiter();
    this.clock = clock;
    this.listener = listener;
    this.progress = progress;
  }

  void start() {
    thread = scheduler.start("syncspool-audit", this::run);
  }

  private void run() {
    long every = schedule.every().toMillis();
    long next = scheduler.deadlineAfterMillis(every);
    while (!closed) {
      if (next - scheduler.nanos() <= 0) {
        next = scheduler.deadlineAfterMillis(every);
        try {
          runOnce();
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          log.warn("audit failed: {}", e.toString());
        }
      } else {
        waiter.await(next);
      }
    }
  }

  /** One audit of every target, in config order; also what tests call. */
  public void runOnce() throws Exception {
    PathFilter filter = new PathFilter(config.excludes());
    List<Map.Entry<Root, TargetAudit>> drifted = new java.util.ArrayList<>();
    for (Root r : config.roots()) {
      for (Target t : r.targets()) {
        if (closed) {
          return;
        }
        TargetAudit a;
        if (!TcpProbe.of(t).reachable()) {
          a = new TargetAudit(t.name(), TargetAudit.Outcome.SKIPPED, Map.of(), "target down",
              -1, 0, clock.getAsLong());
        } else {
          a = audit(r, t, filter);
        }
        last.put(t.name(), a);
        log(a);
        listener.accept(a);
        if (a.outcome() == TargetAudit.Outcome.DRIFT) {
          drifted.add(java.util.Map.entry(r, a));
        }
      }
    }
    // After every audit, not between them: the workers' repairs of one target would otherwise
    // race with the audit of the next target of the same root.
    if (schedule.repair()) {
      for (Map.Entry<Root, TargetAudit> e : drifted) {
        repair(e.getKey(), e.getValue());
      }
    }
  }

  /** One target, on the progress board while it runs: the log line, status and the page. */
  private TargetAudit audit(Root r, Target t, PathFilter filter) throws Exception {
    progress.begin(Work.AUDIT, t.name(), -1);
    try {
      return new Auditor(runner, filter, TargetParts.tree(r, filter),
          config.engine().stateDir().resolve("tmp"), new JournalChanges(journal), clock)
          .argvWrap(LowPriority.wrap(ionice))
          .progress((name, seconds, differences) ->
              progress.count(Work.AUDIT, name, differences, -1, -1))
          .audit(t, TargetParts.command(config, r, t, "rsync"), schedule.checksum());
    } finally {
      progress.end(Work.AUDIT, t.name());
    }
  }

  private void repair(Root r, TargetAudit a) {
    Map<PathKey, java.util.Set<DriftKind>> paths = new java.util.LinkedHashMap<>();
    a.drift().forEach((k, ps) -> ps.forEach(p ->
        paths.computeIfAbsent(p, x -> java.util.EnumSet.noneOf(DriftKind.class)).add(k)));
    byte[] base = FileSystem.bytes(r.watch());
    EventBatch b = RepairEvents.of(r.id(), paths, p -> {
      try {
        return NativeFileSystem.INSTANCE.type(FileSystem.join(base, p.bytes(), 0, p.length()))
            == FileType.DIRECTORY;
      } catch (java.io.IOException e) {
        return false;
      }
    }, journal.isEmpty() ? clock.getAsLong() : journal.lastRecordMillis());
    journal.accept(b);
  }

  private static void log(TargetAudit a) {
    switch (a.outcome()) {
      case OK -> log.info("audit: target {} equals its source ({} ms)", a.target(), a.millis());
      case DRIFT -> {
        StringBuilder sb = new StringBuilder();
        a.drift().forEach((k, ps) -> sb.append(sb.length() > 0 ? ", " : "").append(k.label())
            .append(' ').append(ps.size()).append(" (first: ").append(ps.get(0).printable())
            .append(')'));
        log.warn("audit: target {} differs from its source: {} ({} ms)", a.target(), sb,
            a.millis());
      }
      case SKIPPED -> log.info("audit: target {} skipped: {}", a.target(), a.detail());
      default -> log.warn("audit: target {} not audited: {}", a.target(), a.detail());
    }
  }

  /** The latest audit of each target, by name (empty before the first run). */
  public Map<String, TargetAudit> last() {
    return Map.copyOf(last);
  }

  @Override
  public void close() {
    closed = true;
    waiter.wake();
    Scheduler.Handle.joinQuietly(thread, 10_000);
  }

}
