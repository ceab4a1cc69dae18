package org.syncspool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.syncspool.config.Config;
import org.syncspool.config.Root;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import org.syncspool.service.FlushCookie;
import org.syncspool.service.TargetParts;
import org.syncspool.batch.Batch;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.batch.Coalescer;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncExit;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.verify.DriftKind;
import org.syncspool.verify.RepairEvents;
import org.syncspool.verify.TargetAudit;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.PathFilter;
import org.syncspool.fs.FileSystem;
import org.syncspool.fs.FileType;
import org.syncspool.fs.NativeFileSystem;

/**
 * {@code verify --repair}: the drifted paths go into the journal ({@link RepairEvents}); a
 * running daemon's workers send them, and a flush (the same request {@code syncspool flush}
 * makes) waits until every target is past them. Without a daemon, the same events go through a
 * coalescer and the batch runs here, as {@code replay} runs its batches; they stay in the
 * journal, so the daemon's next start sends them once more (harmless: rsync is idempotent).
 */
final class Repair {
  private final Config config;
  private final PrintWriter err;
  private final long timeoutSeconds;

  Repair(Config config, PrintWriter err, long timeoutSeconds) {
    this.config = config;
    this.err = err;
    this.timeoutSeconds = timeoutSeconds;
  }

  void repair(List<VerifyCommand.Selected> targets, List<TargetAudit> audits) throws Exception {
    Map<Root, Map<PathKey, Set<DriftKind>>> byRoot = new LinkedHashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      TargetAudit a = audits.get(i);
      Map<PathKey, Set<DriftKind>> paths = byRoot.computeIfAbsent(targets.get(i).root(),
          r -> new LinkedHashMap<>());
      a.drift().forEach((kind, ps) -> ps.forEach(p ->
          paths.computeIfAbsent(p, x -> EnumSet.noneOf(DriftKind.class)).add(kind)));
    }
    boolean running = daemonRunning();
    Map<Root, EventBatch> events = journal(byRoot, running);
    if (running) {
      flush();
    } else {
      runHere(targets, audits, events);
    }
    sendContent(targets, audits);
  }

  /**
   * Content drift found only by {@code --checksum} (same size and mtime): the journaled event
   * makes a batch run, whose quick check skips such a file, so these paths are also sent here
   * with the batch argv plus {@code -c} ({@code RsyncCommand.checksumBatch}).
   */
  private void sendContent(List<VerifyCommand.Selected> targets, List<TargetAudit> audits)
      throws IOException, InterruptedException {
    SystemProcessRunner runner = Rsync.runner();
    for (int i = 0; i < targets.size(); i++) {
      List<PathKey> content = audits.get(i).drift().get(DriftKind.CONTENT);
      if (content == null || content.isEmpty()) {
        continue;
      }
      VerifyCommand.Selected s = targets.get(i);
      ProcessRunner.Result r = runner.run(TargetParts.command(config, s.root(), s.target(),
          "rsync").checksumBatch(), out -> {
            java.io.BufferedOutputStream b = new java.io.BufferedOutputStream(out);
            for (PathKey p : content) {
              b.write(p.bytes());
              b.write(0);
            }
            b.flush();
          });
      err.println("verify: target " + s.target().name() + ": " + content.size()
          + " files sent by checksum" + (r.exitCode() == 0 ? ""
          : " -- rsync exit " + r.exitCode() + ": " + SystemProcessRunner.oneLine(r.stderrTail())));
      err.flush();
    }
  }

  private boolean daemonRunning() throws InterruptedException {
    try {
      return new ControlClient(config.http(), config.engine().stateDir()).get("/status").code() == 200;
    } catch (FatalException notRunning) {
      return false;
    }
  }

  /**
   * Appends one record per root. Stamped with the last record's time, never later: the
   * daemon's start-up scan looks for what changed after the last record, and a later stamp
   * would hide the changes made while it was stopped.
   */
  private Map<Root, EventBatch> journal(Map<Root, Map<PathKey, Set<DriftKind>>> byRoot,
                                        boolean running) throws FatalException {
    Map<Root, EventBatch> out = new HashMap<>();
    boolean exists = Files.isRegularFile(config.engine().journal().resolve("metadata.cq4t"));
    ChronicleJournal j = null;
    try {
      if (exists) {
        j = ChronicleJournal.open(config.engine().journal());
      } else if (running) {
        throw new FatalException(ExitCode.CANTCREAT, "the daemon runs but there is no journal in "
            + config.engine().journal() + " (another --state-dir?)");
      }
      long stamp = j == null || j.isEmpty() ? System.currentTimeMillis() : j.lastRecordMillis();
      for (Map.Entry<Root, Map<PathKey, Set<DriftKind>>> e : byRoot.entrySet()) {
        if (e.getValue().isEmpty()) {
          continue;
        }
        byte[] base = FileSystem.bytes(e.getKey().watch());
        EventBatch b = RepairEvents.of(e.getKey().id(), e.getValue(),
            p -> isDir(FileSystem.join(base, p.bytes(), 0, p.length())), stamp);
        out.put(e.getKey(), b);
        if (j != null && (running || !j.isEmpty())) {
          // An empty journal is left alone while no daemon runs: its first start does a full
          // sync. A running daemon has done that already (an empty journal only means nothing
          // changed since), so it gets the record: skipping it then left every drift in place
          // while the flush after it passed (VerifyIT.repairsThroughARunningDaemon).
          j.accept(b);
        }
        err.println("verify: journaled " + b.count() + " paths of " + e.getKey().watch());
      }
    } finally {
      if (j != null) {
        j.close();
      }
    }
    return out;
  }

  private static boolean isDir(byte[] path) {
    try {
      return NativeFileSystem.INSTANCE.type(path) == FileType.DIRECTORY;
    } catch (IOException e) {
      return false;
    }
  }

  /** The same request as {@code syncspool flush} (FlushCommand), so it authenticates alike. */
  private void flush() throws FatalException, InterruptedException, IOException {
    ControlClient.Reply r = new ControlClient(config.http(), config.engine().stateDir()).post("/flush?timeout="
        + timeoutSeconds, Duration.ofSeconds(timeoutSeconds + 30));
    if (r.code() == 200) {
      err.println("verify: the daemon sent the repairs");
      return;
    }
    if (r.code() == 504) {
      JsonNode body = new ObjectMapper().readTree(r.body());
      StringBuilder sb = new StringBuilder("the repairs did not reach every target in "
          + timeoutSeconds + " s:");
      body.path("behind").forEach(b -> sb.append(' ').append(b.asText()).append(';'));
      err.println("verify: " + sb);
      return; // the second audit says what is left
    }
    throw new FatalException(ExitCode.FAILURE, "/flush answered " + r.code() + ": " + r.body());
  }

  /** No daemon: each drifted target's batch, run here with the daemon's own parts. */
  private void runHere(List<VerifyCommand.Selected> targets, List<TargetAudit> audits,
                       Map<Root, EventBatch> events) throws IOException, InterruptedException {
    PathFilter filter = new PathFilter(config.excludes());
    SystemProcessRunner runner = Rsync.runner();
    for (int i = 0; i < targets.size(); i++) {
      VerifyCommand.Selected s = targets.get(i);
      EventBatch b = events.get(s.root());
      if (audits.get(i).outcome() != TargetAudit.Outcome.DRIFT || b == null) {
        continue;
      }
      Coalescer co = new Coalescer(s.root().id(),
          p -> filter.excluded(p, 0, p.length) || FlushCookie.is(p));
      b.forEach((kind, dir, root, cookie, path, off, len) ->
          co.add(kind, dir, root, cookie, path, off, len, b.timeMillis()));
      Batch batch = co.batch();
      BatchRuns runs = TargetParts.runs(config, s.root(), s.target(), filter, runner, "rsync");
      ProcessRunner.Result r = runs.run(batch);
      err.println("verify: target " + s.target().name() + ": sent " + batch.describe(5)
          + (RsyncExit.classify(r.exitCode()) == RsyncExit.DONE ? ""
          : " -- rsync exit " + r.exitCode() + ": " + SystemProcessRunner.oneLine(r.stderrTail())));
      err.flush();
    }
  }
}
