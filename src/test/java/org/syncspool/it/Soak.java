package org.syncspool.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.syncspool.testing.TreeAssert;

/**
 * The soak (issue 17 item 5): for a given time, seeded churn against the packaged daemon
 * ({@code java -jar target/syncspool.jar run}) replicating to a loopback rsync daemon with auth
 * and to a local directory, with faults at random moments from a deck sized to the length:
 * kill -9 and restart, rsync daemon outages of 10-60 s, a real inotify overflow (the daemon is
 * stopped with SIGSTOP while more files appear than the kernel queues), the journal's file system
 * filling up (the state directory is a small tmpfs; skipped, saying why, where mounting is not
 * allowed), SIGHUP, and a full-sync request while a target backs off. After each fault:
 * {@code syncspool flush}, then an exact comparison of both targets with the source.
 *
 * <p>Run by SoakIT (2 minutes in {@code mvn verify}) and by {@code bench/soak.sh MINUTES SEED}.
 */
final class Soak {
  enum Fault { KILL_9, OUTAGE, OVERFLOW, FULL_DISK, SIGHUP, FULL_SYNC_IN_BACKOFF }

  private final Path base;
  private final Duration length;
  private final long seed;
  private final Random random;
  private final SoakReport report;
  private ReplicationFixture f;
  private Churn churn;
  private Process daemon;
  private Path daemonLog;
  private int lifetimes;
  private SoakReport.Sample lifetimeStart;
  /** Null when the state directory is a tmpfs of its own; else why the full-disk fault is off. */
  private String noFullDisk;

  Soak(Path base, Duration length, long seed) {
    this.base = base;
    this.length = length;
    this.seed = seed;
    this.random = new Random(seed);
    this.report = new SoakReport(length, seed);
  }

  /** The faults to play, shuffled with the seed; counts grow with the length (30 min: 47). */
  static List<Fault> deck(Duration length, Random random) {
    double m = length.toSeconds() / 60.0;
    List<Fault> deck = new ArrayList<>();
    add(deck, Fault.KILL_9, Math.max(2, (int) Math.round(m * 0.8)));
    add(deck, Fault.OUTAGE, Math.max(1, (int) Math.round(m * 0.4)));
    add(deck, Fault.OVERFLOW, Math.max(1, (int) Math.round(m / 12)));
    add(deck, Fault.FULL_DISK, Math.max(1, (int) Math.round(m / 20)));
    add(deck, Fault.SIGHUP, Math.max(1, (int) Math.round(m / 10)));
    add(deck, Fault.FULL_SYNC_IN_BACKOFF, Math.max(1, (int) Math.round(m / 10)));
    Collections.shuffle(deck, random);
    return deck;
  }

  private static void add(List<Fault> deck, Fault fault, int n) {
    for (int i = 0; i < n; i++) {
      deck.add(fault);
    }
  }

  SoakReport run() throws Exception {
    Files.createDirectories(base);
    f = new ReplicationFixture(base.resolve("f"));
    try {
      f.writeConfig("", true);
      mountStateTmpfs();
      churn = new Churn(f.source, seed);
      startDaemon();
      churn.run(300);
      settle(null);
      List<Fault> deck = deck(length, random);
      long started = System.nanoTime();
      long slot = length.toNanos() / (deck.size() + 1);
      for (int i = 0; i < deck.size(); i++) {
        churnUntil(started + slot * (i + 1));
        Fault fault = deck.get(i);
        if (fault == Fault.FULL_DISK && noFullDisk != null) {
          report.skipped(fault, noFullDisk);
          continue;
        }
        report.played(fault);
        play(fault);
        settle(fault);
      }
      churnUntil(started + length.toNanos());
      settle(null);
      endLifetime("end of the soak");
      report.finish(churn.operations(), churn.written(), f.rsyncd.bytesReceived(0));
      return report;
    } finally {
      f.close();
      if (noFullDisk == null) {
        exec(List.of("umount", "-l", f.state.toString()));
      }
    }
  }

  /** Paced churn, about 50 operations a second, until the monotonic deadline. */
  private void churnUntil(long deadlineNanos) throws IOException {
    while (System.nanoTime() < deadlineNanos) {
      churn.run(10);
      // The pace of the load (not a wait for a condition): a busy tree, not a benchmark.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  private void play(Fault fault) throws Exception {
    switch (fault) {
      case KILL_9 -> {
        endLifetime("kill -9");
        f.killJar();
        churn.run(100 + random.nextInt(400)); // while nobody watches
        startDaemon();
      }
      case OUTAGE -> {
        f.rsyncd.stop();
        long seconds = length.toMinutes() < 10 ? 10 : 10 + random.nextInt(51);
        report.outage(seconds);
        churnUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
        f.rsyncd.restart();
      }
      case OVERFLOW -> overflow();
      case FULL_DISK -> fullDisk();
      case SIGHUP -> {
        signal("HUP");
        churn.run(200);
      }
      case FULL_SYNC_IN_BACKOFF -> fullSyncInBackoff();
    }
  }

  /** SIGSTOP the daemon, more new files than the kernel queues, SIGCONT: a real overflow. */
  private void overflow() throws Exception {
    int files = ReplicationFixture.maxQueuedEvents() + 2000;
    Path dir = f.source.resolve("overflow-" + report.count(Fault.OVERFLOW));
    // The directory must be watched before the daemon stops: a stopped watcher adds no watch
    // to a new directory, and its files would queue no event at all. A flush proves it is.
    Files.createDirectories(dir);
    f.runJar(base.resolve("flush.log"), "flush", "-o", f.configFile.toString(), "--timeout",
        "300");
    signal("STOP");
    try {
      for (int i = 0; i < files; i++) {
        Files.write(dir.resolve("o" + i), new byte[0]);
      }
    } finally {
      signal("CONT");
    }
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> Files.readString(daemonLog, StandardCharsets.ISO_8859_1)
            .contains("queue overflowed"));
    report.overflowSeen();
    settle(Fault.OVERFLOW);
    deleteTree(dir); // the next comparison covers the deletion of 18k files too
  }

  /**
   * Fill the state directory's tmpfs, go on changing the tree until the daemon stops (a journal
   * write that fails ends it), free the space, start it again: the start-up scan must find what
   * the journal never got.
   */
  private void fullDisk() throws Exception {
    Path filler = f.state.resolve("filler");
    try (OutputStream out = Files.newOutputStream(filler)) {
      byte[] mib = new byte[1 << 20];
      while (true) {
        out.write(mib);
      }
    } catch (IOException expected) {
      // ENOSPC: the file system is full
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (daemon.isAlive() && System.nanoTime() < deadline) {
      churn.run(20);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    String how = daemon.isAlive() ? "still running after 60 s on a full disk"
        : "exited " + daemon.exitValue() + ": " + lastProblem();
    report.fullDisk(how);
    Files.delete(filler);
    if (daemon.isAlive()) {
      return;
    }
    endLifetime("full disk: " + how);
    startDaemon();
  }

  private void fullSyncInBackoff() throws Exception {
    long mark = Files.size(daemonLog);
    f.rsyncd.stop();
    churn.run(100);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> logSince(mark).contains("unreachable"));
    int code = f.runJar(base.resolve("full-sync.log"), "full-sync", "-o",
        f.configFile.toString());
    report.fullSyncRequested(code);
    churn.run(100);
    f.rsyncd.restart();
  }

  /** flush, then the exact comparison; a difference is counted, not thrown. */
  private void settle(Fault after) throws Exception {
    long from = System.nanoTime();
    int flush = f.runJar(base.resolve("flush.log"), "flush", "-o", f.configFile.toString(),
        "--timeout", "300");
    try {
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
          .untilAsserted(() -> {
            TreeAssert.assertMirrors(f.source, f.mirror);
            TreeAssert.assertMirrors(f.source, f.rsyncd.moduleDir());
          });
      report.compared(after, System.nanoTime() - from, flush, treeBytes(), null);
    } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
      report.compared(after, System.nanoTime() - from, flush, treeBytes(),
          String.valueOf(e.getMessage()) + symlinkTargets(String.valueOf(e.getMessage()))
          + "\n--- daemon log:\n" + lastLines(25));
    }
    if (lifetimeStart == null) {
      lifetimeStart = sample();
    }
  }

  private void startDaemon() throws IOException {
    lifetimes++;
    daemonLog = base.resolve("daemon-" + lifetimes + ".log");
    daemon = f.startJar(daemonLog);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> Files.readString(daemonLog, StandardCharsets.ISO_8859_1)
            .contains("replicating to 2 target(s)"));
    lifetimeStart = null; // sampled after its first comparison, once start-up work is done
  }

  private void endLifetime(String how) throws IOException {
    if (daemon.isAlive()) {
      SoakReport.Sample end = sample();
      report.lifetime(lifetimes, lifetimeStart != null ? lifetimeStart : end, end, how);
    } else {
      report.lifetime(lifetimes, lifetimeStart, null, how);
    }
  }

  /** RSS, open descriptors, threads of the daemon; the journal's bytes on disk. */
  private SoakReport.Sample sample() throws IOException {
    long pid = daemon.pid();
    long rssKib = 0;
    int threads = 0;
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        rssKib = Long.parseLong(line.replaceAll("[^0-9]", ""));
      } else if (line.startsWith("Threads:")) {
        threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
      }
    }
    long fds;
    try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      fds = s.count();
    }
    return new SoakReport.Sample(rssKib, fds, threads, diskBytes(f.state.resolve("journal")));
  }

  /** Allocated bytes (du), what a full disk is made of; a sparse journal is not its size. */
  private static long diskBytes(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try {
      Exec du = exec(List.of("du", "-s", "-B1", dir.toString()));
      return du.code == 0 ? Long.parseLong(du.out.strip().split("\\s+")[0]) : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** What a full resend of the source would send now (regular files' bytes). */
  private long treeBytes() throws IOException {
    long sum = 0;
    try (Stream<Path> s = Files.walk(f.source)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          sum += Files.size(p);
        }
      }
    }
    return sum;
  }

  private void mountStateTmpfs() throws IOException, InterruptedException {
    Files.createDirectories(f.state);
    Exec r = exec(List.of("mount", "-t", "tmpfs", "-o", "size=160m,mode=0700", "tmpfs",
        f.state.toString()));
    noFullDisk = r.code == 0 ? null : "cannot mount a tmpfs for the state directory here ("
        + r.out.strip() + ")";
  }

  private void signal(String name) throws IOException, InterruptedException {
    Exec r = exec(List.of("kill", "-" + name, Long.toString(daemon.pid())));
    if (r.code != 0) {
      throw new IOException("kill -" + name + " failed: " + r.out);
    }
  }

  private String logSince(long mark) throws IOException {
    byte[] all = Files.readAllBytes(daemonLog);
    int from = (int) Math.min(mark, all.length);
    return new String(all, from, all.length - from, StandardCharsets.ISO_8859_1);
  }

  /** The daemon's last ERROR or WARN line, for the report. */
  private String lastProblem() throws IOException {
    List<String> lines = Files.readAllLines(daemonLog, StandardCharsets.ISO_8859_1);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).contains(" ERROR ") || lines.get(i).contains(" WARN ")) {
        return lines.get(i).strip();
      }
    }
    return "(no ERROR or WARN line)";
  }

  /** For diff's "Symbolic links A and B differ": where each points. */
  private static String symlinkTargets(String diff) {
    StringBuilder out = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("Symbolic links (.+) and (.+) differ").matcher(diff);
    while (m.find()) {
      for (int g = 1; g <= 2; g++) {
        try {
          out.append("\n").append(m.group(g)).append(" -> ")
              .append(Files.readSymbolicLink(Path.of(m.group(g))));
        } catch (IOException | RuntimeException e) {
          out.append("\n").append(m.group(g)).append(": ").append(e);
        }
      }
    }
    return out.toString();
  }

  private String lastLines(int n) throws IOException {
    List<String> lines = Files.readAllLines(daemonLog, StandardCharsets.ISO_8859_1);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private record Exec(int code, String out) {}

  private static Exec exec(List<String> argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Exec(p.waitFor(), out);
  }

  /** {@code bench/soak.sh}: {@code Soak MINUTES SEED DIR}; the table on stdout, exit 1 on a difference. */
  public static void main(String[] args) throws Exception {
    Duration length = Duration.ofMinutes(Long.parseLong(args.length > 0 ? args[0] : "30"));
    long seed = Long.parseLong(args.length > 1 ? args[1] : "17");
    Path dir = Path.of(args.length > 2 ? args[2] : "target/soak").toAbsolutePath();
    SoakReport r = new Soak(dir, length, seed).run();
    System.out.println(r.markdown());
    System.exit(r.differences() == 0 ? 0 : 1);
  }
}
