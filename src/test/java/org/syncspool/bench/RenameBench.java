package org.syncspool.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.syncspool.config.ConfigLoader;
import org.syncspool.service.Daemon;
import org.syncspool.rsync.SystemProcessRunner;

/**
 * Not a test. P4: bytes on the wire to the loopback daemon (both directions, summed from the
 * daemon's own per-connection log lines) for (a) renaming a directory of {@code dirMiB} in
 * {@code files} files and (b) rotating a {@code logMiB} log ({@code app.log -> app.log.1}, new
 * {@code app.log}). The local target is replicated too but has no wire. References in the same
 * run, from the same starting state: a plain {@code rsync -a --delete} of the final tree (what a
 * batcher without rename handling pays) and lsyncd, when installed.
 *
 * <p>Usage: {@code RenameBench [dirMiB=1024] [files=100] [logMiB=100]}.
 */
public final class RenameBench {
  private static final String APP_LOG_NEW = "a fresh log line\n";

  private RenameBench() {
  }

  public static void main(String[] args) throws Exception {
    int dirMiB = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int logMiB = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    long dirBytes = (long) dirMiB << 20;
    long logBytes = (long) logMiB << 20;
    Path tmp = Files.createTempDirectory("syncspool-p4").toRealPath();
    try (BenchTargets t = new BenchTargets(tmp)) {
      Path dir = Files.createDirectories(t.source.resolve("data/set"));
      for (int i = 0; i < files; i++) {
        random(dir.resolve(String.format(Locale.ROOT, "part%03d.bin", i)), dirBytes / files, i);
      }
      Path logs = Files.createDirectories(t.source.resolve("logs"));
      random(logs.resolve("app.log"), logBytes, -1);
      t.rsyncBoth(List.of("--delete"));

      long[] ours;
      try (Daemon daemon = new Daemon(ConfigLoader.load(t.syncspoolConfig("")), false,
          new SystemProcessRunner(), "rsync")) {
        daemon.start();
        BurstSync.awaitDaemon(daemon, t); // a first start's full sync, before the mark
        ours = workload(t, () -> BurstSync.awaitDaemon(daemon, t));
      }
      restore(t);
      long[] plain = workload(t, () -> {
        t.rsyncBoth(List.of("--delete"));
        return System.nanoTime();
      });
      String dirWhat = String.format(Locale.ROOT, "rename a directory of %s in %d files: bytes on "
          + "the wire to the daemon", Report.bytes(dirBytes), files);
      String logWhat = String.format(Locale.ROOT, "rotate a %s log (app.log -> app.log.1, new "
          + "app.log): bytes on the wire", Report.bytes(logBytes));
      Report.row("P4", dirWhat + " (vs the directory's size)", Report.bytes(ours[0]),
          "directory: " + Report.bytes(dirBytes), (double) ours[0] / dirBytes,
          ours[0] <= dirBytes / 1000 ? "met (<= 0.001)" : "MISSED (<= 0.001)");
      Report.row("P4", logWhat + " (vs the log's size)", Report.bytes(ours[1]),
          "log: " + Report.bytes(logBytes), (double) ours[1] / logBytes,
          ours[1] <= logBytes / 100 ? "met (<= 0.01)" : "MISSED (<= 0.01)");
      Report.row("P4", dirWhat, Report.bytes(ours[0]), "rsync -a --delete: " + Report.bytes(plain[0]),
          (double) ours[0] / plain[0], "(information)");
      Report.row("P4", logWhat, Report.bytes(ours[1]), "rsync -a --delete: " + Report.bytes(plain[1]),
          (double) ours[1] / plain[1], "(information)");
      if (BenchTargets.lsyncdInstalled()) {
        restore(t);
        Process lsyncd = t.startLsyncd();
        long[] ls;
        try {
          ls = workload(t, () -> t.awaitInSync(100, BenchTargets.timeoutMillis()));
        } finally {
          BenchTargets.stop(lsyncd);
        }
        Report.row("P4", dirWhat, Report.bytes(ours[0]), "lsyncd: " + Report.bytes(ls[0]),
            (double) ours[0] / ls[0], "(information)");
        Report.row("P4", logWhat, Report.bytes(ours[1]), "lsyncd: " + Report.bytes(ls[1]),
            (double) ours[1] / ls[1], "(information)");
      }
    } finally {
      Report.deleteTree(tmp);
    }
    System.exit(0);
  }

  interface Sync {
    long await() throws Exception;
  }

  /** Both steps, each measured from a mark in the daemon's log; returns {dir bytes, log bytes}. */
  private static long[] workload(BenchTargets t, Sync sync) throws Exception {
    long mark = t.logMark();
    Files.move(t.source.resolve("data/set"), t.source.resolve("data/set-renamed"));
    check(sync.await());
    long dir = t.wireBytesSince(mark);
    mark = t.logMark();
    Path logs = t.source.resolve("logs");
    Files.move(logs.resolve("app.log"), logs.resolve("app.log.1"));
    Files.writeString(logs.resolve("app.log"), APP_LOG_NEW);
    check(sync.await());
    long log = t.wireBytesSince(mark);
    System.out.printf(Locale.ROOT, "directory rename: %d bytes; log rotation: %d bytes%n", dir, log);
    return new long[] {dir, log};
  }

  private static void check(long done) throws IOException {
    if (done < 0) {
      throw new IOException("not in sync in time");
    }
  }

  /** Back to the starting state on the source, then on both targets with a plain rsync. */
  private static void restore(BenchTargets t) throws IOException, InterruptedException {
    Files.move(t.source.resolve("data/set-renamed"), t.source.resolve("data/set"));
    Path logs = t.source.resolve("logs");
    Files.delete(logs.resolve("app.log"));
    Files.move(logs.resolve("app.log.1"), logs.resolve("app.log"));
    t.rsyncBoth(List.of("--delete"));
  }

  /** Incompressible content (rsync -a does not compress, but no accidental block matches). */
  private static void random(Path f, long bytes, long seed) throws IOException {
    Random r = new Random(seed);
    byte[] buf = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(f)) {
      for (long left = bytes; left > 0; left -= buf.length) {
        r.nextBytes(buf);
        out.write(buf, 0, (int) Math.min(buf.length, left));
      }
    }
  }
}
