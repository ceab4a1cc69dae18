package org.syncspool.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.syncspool.testing.RsyncDaemon;

/**
 * The two targets every P-workload replicates to (the issue: "its own loopback rsync daemon and
 * local target"): a loopback rsync daemon with auth ({@link RsyncDaemon}) and a local directory.
 * Writes the syncspool and lsyncd configurations for them, runs the "physical limit" reference
 * (one {@code rsync -a} of the final tree to both, side by side), compares trees, and reads the
 * daemon's log for the bytes every connection moved.
 */
final class BenchTargets implements AutoCloseable {
  final Path base;
  final Path source;
  final Path mirror;
  final RsyncDaemon rsyncd;

  BenchTargets(Path base) throws IOException, InterruptedException {
    this.base = base;
    this.source = Files.createDirectories(base.resolve("source"));
    this.mirror = Files.createDirectories(base.resolve("mirror"));
    this.rsyncd = RsyncDaemon.start(base.resolve("rsyncd"));
  }

  String daemonUrl() {
    return "rsync://" + RsyncDaemon.USER + "@127.0.0.1:" + rsyncd.port() + "/" + RsyncDaemon.MODULE
        + "/";
  }

  /** sersync XML for both targets, commonParams {@code -a}, and our extension block. */
  Path syncspoolConfig(String engineAttrs) throws IOException {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <head version="2.5">
          <host hostip="127.0.0.1" port="8008"/>
          <sersync>
            <localpath watch="%s">
              <remote ip="127.0.0.1" name="%s"/>
              <remote path="%s"/>
            </localpath>
            <rsync>
              <commonParams params="-a"/>
              <auth start="true" users="%s" passwordfile="%s"/>
              <userDefinedPort start="true" port="%d"/>
              <timeout start="true" time="60"/>
            </rsync>
          </sersync>
          <syncspool stateDir="%s" %s/>
        </head>
        """.formatted(source, RsyncDaemon.MODULE, mirror, RsyncDaemon.USER, rsyncd.passwordFile(),
        rsyncd.port(), base.resolve("state"), engineAttrs);
    Path f = base.resolve("syncspool.xml");
    Files.writeString(f, xml);
    return f;
  }

  /**
   * lsyncd's configuration for the same targets: {@code default.rsync}, delay 1 s (the issue),
   * archive mode and the same socket option syncspool uses for daemon targets. Everything else
   * at lsyncd's defaults (one rsync at a time per sync, both syncs side by side, as our two
   * workers).
   */
  Path lsyncdConfig() throws IOException {
    String lua = """
        settings { logfile = "%1$s/lsyncd.log", statusFile = "%1$s/lsyncd.status", nodaemon = true,
                   insist = true }
        sync { default.rsync, source = "%2$s", target = "%3$s", delay = 1,
               rsync = { archive = true } }
        sync { default.rsync, source = "%2$s", target = "%4$s", delay = 1,
               rsync = { archive = true, password_file = "%5$s",
                         _extra = { "--sockopts=TCP_NODELAY" } } }
        """.formatted(base, source, mirror, daemonUrl(), rsyncd.passwordFile());
    Path f = base.resolve("lsyncd.lua");
    Files.writeString(f, lua);
    return f;
  }

  static boolean lsyncdInstalled() {
    return Files.isExecutable(Path.of("/usr/bin/lsyncd")) && !"0".equals(System.getenv("LSYNCD"));
  }

  /** Starts lsyncd on these targets and waits until both startup syncs are done. */
  Process startLsyncd() throws IOException, InterruptedException {
    Path log = base.resolve("lsyncd.log");
    Files.deleteIfExists(log);
    Process p = new ProcessBuilder("lsyncd", "-nodaemon", lsyncdConfig().toString())
        .redirectErrorStream(true).redirectOutput(base.resolve("lsyncd.out").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.exists(log) && count(Files.readString(log), "Startup of") >= 2) {
        return p;
      }
      Thread.sleep(50);
    }
    throw new IOException("lsyncd did not finish its startup: " + Files.readString(
        base.resolve("lsyncd.out")));
  }

  static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /** Empties both targets (for the reference runs). */
  void wipeTargets() throws IOException {
    for (Path t : List.of(mirror, rsyncd.moduleDir())) {
      try (Stream<Path> s = Files.list(t)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          Report.deleteTree(p);
        }
      }
    }
  }

  /**
   * The physical limit: one {@code rsync -a} of the source to each target, both at once (as
   * syncspool's two workers run), timed until both exit. {@code extra} are added options.
   */
  double rsyncBoth(List<String> extra) throws IOException, InterruptedException {
    List<String> local = new ArrayList<>(List.of("rsync", "-a"));
    local.addAll(extra);
    local.addAll(List.of(source + "/", mirror + "/"));
    List<String> daemon = new ArrayList<>(List.of("rsync", "-a", "--sockopts=TCP_NODELAY",
        "--password-file=" + rsyncd.passwordFile()));
    daemon.addAll(extra);
    daemon.addAll(List.of(source + "/", daemonUrl()));
    long t0 = System.nanoTime();
    Process a = new ProcessBuilder(local).inheritIO().start();
    Process b = new ProcessBuilder(daemon).inheritIO().start();
    int ea = a.waitFor();
    int eb = b.waitFor();
    double ms = (System.nanoTime() - t0) / 1e6;
    if (ea != 0 || eb != 0) {
      throw new IOException("reference rsync exit " + ea + "/" + eb);
    }
    return ms;
  }

  /**
   * Path -> "size mtime" (files) or "dir", relative paths. Entries that vanish while listed
   * (rsync's temporary files) are skipped.
   */
  static Map<String, String> listing(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    list(root, root, out);
    return out;
  }

  private static void list(Path root, Path dir, Map<String, String> out) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
          continue;
        }
        out.put(root.relativize(p).toString(), a.isDirectory() ? "dir"
            : a.size() + " " + a.lastModifiedTime().toMillis());
        if (a.isDirectory()) {
          list(root, p, out);
        }
      }
    } catch (NoSuchFileException | java.nio.file.NotDirectoryException gone) {
      // removed while we looked
    }
  }

  /**
   * True when both targets list exactly what the source lists: names, types, sizes, and mtimes
   * within {@link #MTIME_SLACK_MILLIS}. The slack is a safety net: before syncspool passed
   * {@code --modify-window=-1}, bursts left 0-3 of 10k files with the right size and an mtime a
   * few ms old (rsync compared whole seconds), and a strict check never ended. Files that differ
   * at all are counted and printed ({@link #mtimeMismatches}, {@link #differences}).
   */
  boolean inSync() throws IOException {
    Map<String, String> src = listing(source);
    return same(src, listing(mirror)) && same(src, listing(rsyncd.moduleDir()));
  }

  static final long MTIME_SLACK_MILLIS = 2000;

  private static boolean same(Map<String, String> a, Map<String, String> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<String, String> e : a.entrySet()) {
      String x = e.getValue();
      String y = b.get(e.getKey());
      if (x.equals(y)) {
        continue;
      }
      String[] px = x.split(" ");
      String[] py = y.split(" ");
      if (px.length != 2 || py.length != 2 || !px[0].equals(py[0])
          || Math.abs(Long.parseLong(px[1]) - Long.parseLong(py[1])) > MTIME_SLACK_MILLIS) {
        return false;
      }
    }
    return true;
  }

  /** Files whose mtime on a target differs from the source's (within the slack). */
  int mtimeMismatches() throws IOException {
    Map<String, String> src = listing(source);
    int n = 0;
    for (Path t : List.of(mirror, rsyncd.moduleDir())) {
      Map<String, String> dst = listing(t);
      for (Map.Entry<String, String> e : src.entrySet()) {
        if (!e.getValue().equals(dst.get(e.getKey()))) {
          n++;
        }
      }
    }
    return n;
  }

  /** The first few differences between the source and the targets, for a timeout message. */
  String differences() throws IOException {
    Map<String, String> src = listing(source);
    StringBuilder sb = new StringBuilder();
    for (Path t : List.of(mirror, rsyncd.moduleDir())) {
      Map<String, String> dst = listing(t);
      int shown = 0;
      for (Map.Entry<String, String> e : src.entrySet()) {
        String d = dst.get(e.getKey());
        if (!e.getValue().equals(d) && shown++ < 5) {
          boolean same = d != null && !d.equals("dir") && java.util.Arrays.equals(
              Files.readAllBytes(source.resolve(e.getKey())), Files.readAllBytes(t.resolve(e.getKey())));
          sb.append(t).append(": ").append(e.getKey()).append(" source ").append(e.getValue())
              .append(" target ").append(d).append(same ? " (same content)" : "").append('\n');
        }
      }
      for (String k : dst.keySet()) {
        if (!src.containsKey(k) && shown++ < 10) {
          sb.append(t).append(": extra ").append(k).append('\n');
        }
      }
    }
    return sb.toString();
  }

  /** Seconds a workload may take to arrive before the benchmark gives up (BENCH_TIMEOUT_S). */
  static long timeoutMillis() {
    String s = System.getenv("BENCH_TIMEOUT_S");
    return (s == null ? 600 : Long.parseLong(s)) * 1000;
  }

  /** Polls {@link #inSync} every {@code pollMillis}; the time it first held, or -1. */
  long awaitInSync(long pollMillis, long timeoutMillis) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline) {
      long now = System.nanoTime(); // the comparison itself takes 100+ ms on 30k entries
      if (inSync()) {
        return now;
      }
      Thread.sleep(pollMillis);
    }
    return -1;
  }

  /** Where the daemon's log ends now: {@link #wireBytesSince} counts from here. */
  long logMark() throws IOException, InterruptedException {
    Path log = rsyncd.moduleDir().getParent().resolve("rsyncd.log");
    if (!Files.exists(log)) {
      return 0;
    }
    // Only once every earlier connection has logged its summary (see wireBytesSince).
    for (int i = 0; i < 500; i++) {
      String all = Files.readString(log, StandardCharsets.ISO_8859_1);
      if (count(all, "connect from") == count(all, " bytes  received ")) {
        return all.length();
      }
      Thread.sleep(10);
    }
    return Files.size(log);
  }

  private static final Pattern SUMMARY =
      Pattern.compile("sent ([\\d,]+) bytes\\s+received ([\\d,]+) bytes");

  /**
   * Bytes that crossed the loopback in both directions, summed over every daemon connection
   * logged after {@code mark}: rsyncd logs "sent N bytes  received M bytes" at the end of each.
   */
  long wireBytesSince(long mark) throws IOException, InterruptedException {
    Path log = rsyncd.moduleDir().getParent().resolve("rsyncd.log");
    // The daemon writes a connection's summary after the client may have exited: wait until
    // every connection since the mark has its summary line.
    String tail = "";
    for (int i = 0; i < 500; i++) {
      byte[] all = Files.readAllBytes(log);
      tail = new String(all, (int) Math.min(mark, all.length),
          (int) Math.max(0, all.length - mark), StandardCharsets.UTF_8);
      if (count(tail, "connect from") == count(tail, " bytes  received ")) {
        break;
      }
      Thread.sleep(10);
    }
    Matcher m = SUMMARY.matcher(tail);
    long sum = 0;
    while (m.find()) {
      sum += Long.parseLong(m.group(1).replace(",", "")) + Long.parseLong(m.group(2).replace(",", ""));
    }
    return sum;
  }

  @Override
  public void close() {
    rsyncd.close();
  }
}
