package org.syncspool.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncspool.config.Config;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.worker.WorkerListener;

/**
 * Removes the version folders older than {@code keepVersions} from targets that keep versions:
 * after a batch reached such a target, at most once an hour per target, on a thread of its own
 * (never the worker's), through rsync itself ({@link RsyncCommand#pruneVersions}).
 */
public final class VersionPrune implements WorkerListener, AutoCloseable {
  /** At most one prune per target this often. */
  static final long EVERY_MILLIS = 3_600_000L;
  private static final Logger log = LoggerFactory.getLogger(VersionPrune.class);

  private final Map<String, RsyncCommand> commands = new ConcurrentHashMap<>();
  private final Map<String, Long> last = new ConcurrentHashMap<>();
  private final ProcessRunner runner;
  private final Path emptyDir;
  private final LongSupplier clock;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "syncspool-version-prune");
    t.setDaemon(true);
    return t;
  });

  public VersionPrune(Config c, ProcessRunner runner, String rsync, LongSupplier clock) {
    for (Root r : c.roots()) {
      for (Target t : r.targets()) {
        if (t.keepVersionsMillis() > 0) {
          commands.put(t.id(), new RsyncCommand(rsync, t, r.watch().toString()));
        }
      }
    }
    this.runner = runner;
    this.emptyDir = c.engine().stateDir().resolve("tmp").resolve("empty");
    this.clock = clock;
  }

  /** True when some target keeps versions (else nothing needs this listener). */
  public boolean needed() {
    return !commands.isEmpty();
  }

  @Override
  public void batchEnded(BatchReport r) {
    RsyncCommand cmd = commands.get(r.target().id());
    long now = clock.getAsLong();
    if (cmd == null || !r.succeeded()
        || now - last.getOrDefault(r.target().id(), Long.MIN_VALUE / 2) < EVERY_MILLIS) {
      return;
    }
    last.put(r.target().id(), now);
    thread.execute(() -> prune(r.target(), cmd));
  }

  /** Runs one prune now, on the caller's thread; true when rsync exited 0. */
  public boolean prune(Target t, RsyncCommand cmd) {
    try {
      Files.createDirectories(emptyDir);
      ProcessRunner.Result res = runner.run(cmd.pruneVersions(emptyDir),
          ProcessRunner.StdinWriter.NONE);
      if (res.exitCode() != 0) {
        log.warn("target {}: removing old versions failed: rsync exit {}: {}", t.name(),
            res.exitCode(), res.stderrTail().strip());
      }
      return res.exitCode() == 0;
    } catch (IOException e) {
      log.warn("target {}: removing old versions failed: {}", t.name(), e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
