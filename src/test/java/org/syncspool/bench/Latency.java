package org.syncspool.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.EventToggles;
import org.syncspool.config.Root;
import org.syncspool.service.Daemon;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.testing.RsyncDaemon;
import org.syncspool.watch.EventKind;
import org.syncspool.watch.PathFilter;
import org.syncspool.watch.inotify.InotifyWatcher;

/**
 * Not a test. Time from a file's close on the source to its arrival on the target, one file at a
 * time, through the whole daemon (watcher, journal, worker, rsync), against a reference: bare
 * {@code rsync -a FILE DEST/} started the same way (ProcessBuilder, no shell).
 *
 * <p>Arrival is timestamped by a second {@link InotifyWatcher} on the target directory: rsync
 * writes a temporary file and renames it, so the first MOVED_TO / CLOSE_WRITE / CREATE of the
 * file's name after which the target file has its full size is the arrival. (An arrival with a
 * wrong size, e.g. an rsync run that caught the file between CREATE and close, is counted as
 * "early" and not used.)
 *
 * <p>Usage: {@code Latency [local|daemon|daemon-nodelay] [files=200] [warmup=10] [intervalMillis=100] [bare=20]}.
 * {@code local}: a {@code <remote path=DIR/>} target; {@code daemon}: an rsync daemon with auth
 * on 127.0.0.1 ({@link RsyncDaemon}, which sets {@code socket options = TCP_NODELAY}), syncspool
 * adding its default {@code --sockopts=TCP_NODELAY}, the reference a plain {@code rsync -a};
 * {@code daemon-nodelay}: the same with {@code --sockopts=TCP_NODELAY} in commonParams and in
 * the reference run (the like-for-like ratio).
 */
public final class Latency {
  private static final int SIZE = 1024;

  private Latency() {
  }

  record Arrival(String name, long nanos) {
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "local";
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    long interval = args.length > 3 ? Long.parseLong(args[3]) : 100;
    int bareRuns = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    String bench = "Latency " + mode;
    // "-nodelay": rsync's --sockopts=TCP_NODELAY on both runs (daemon mode: see bench/README.md)
    boolean nodelay = mode.endsWith("-nodelay");
    List<String> params = nodelay ? List.of("-a", "--sockopts=TCP_NODELAY") : List.of("-a");

    Path tmp = Files.createTempDirectory("syncspool-latency").toRealPath();
    Path src = Files.createDirectories(tmp.resolve("source"));
    Path bareSrc = Files.createDirectories(tmp.resolve("bare-source"));
    RsyncDaemon rsyncd = null;
    try {
      Path mirror;
      String remote;
      String rsyncExtra;
      List<String> bareDest;
      if (mode.startsWith("daemon")) {
        rsyncd = RsyncDaemon.start(tmp.resolve("rsyncd"));
        mirror = rsyncd.moduleDir();
        remote = "<remote ip=\"127.0.0.1\" name=\"" + RsyncDaemon.MODULE + "\"/>";
        rsyncExtra = """
            <auth start="true" users="%s" passwordfile="%s"/>
            <userDefinedPort start="true" port="%d"/>
            <timeout start="true" time="30"/>
            """.formatted(RsyncDaemon.USER, rsyncd.passwordFile(), rsyncd.port());
        bareDest = List.of("--password-file=" + rsyncd.passwordFile(), "rsync://"
            + RsyncDaemon.USER + "@127.0.0.1:" + rsyncd.port() + "/" + RsyncDaemon.MODULE + "/");
      } else {
        mirror = Files.createDirectories(tmp.resolve("mirror"));
        remote = "<remote path=\"" + mirror + "\"/>";
        rsyncExtra = "";
        bareDest = List.of(mirror + "/");
      }
      // commonParams: the same options as the bare reference run
      String xml = """
          <?xml version="1.0" encoding="UTF-8"?>
          <head version="2.5">
            <host hostip="127.0.0.1" port="8008"/>
            <sersync>
              <localpath watch="%s">
                %s
              </localpath>
              <rsync>
                <commonParams params="%s"/>
                %s
              </rsync>
            </sersync>
            <syncspool stateDir="%s"/>
          </head>
          """.formatted(src, remote, String.join(" ", params), rsyncExtra, tmp.resolve("state"));
      Path configFile = tmp.resolve("syncspool.xml");
      Files.writeString(configFile, xml);
      Config config = ConfigLoader.load(configFile);

      BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
      int[] early = new int[1]; // written on the mirror watcher's thread only
      try (InotifyWatcher mirrorWatch = new InotifyWatcher(List.of(new Root(0, mirror, List.of())),
          EventToggles.DEFAULT, PathFilter.NONE, batch -> {
            long now = System.nanoTime();
            batch.forEach((kind, dir, root, cookie, path, off, len) -> {
              if (kind != EventKind.MOVED_TO && kind != EventKind.CLOSE_WRITE
                  && kind != EventKind.CREATE) {
                return;
              }
              String name = new String(path, off, len, StandardCharsets.UTF_8);
              if (name.startsWith(".")) {
                return; // rsync's temporary file
              }
              long size;
              try {
                size = Files.size(mirror.resolve(name));
              } catch (IOException gone) {
                return;
              }
              if (size == SIZE) {
                arrivals.add(new Arrival(name, now));
              } else if (kind != EventKind.CREATE) {
                early[0]++;
              }
            });
          }, System::currentTimeMillis, org.syncspool.time.Ticker.SYSTEM);
           Daemon daemon = new Daemon(config, false, new SystemProcessRunner(), "rsync")) {
        mirrorWatch.start();
        daemon.start();

        byte[] data = new byte[SIZE];
        java.util.Arrays.fill(data, (byte) 'x');
        double[] lat = new double[files];
        int timeouts = 0;
        long next = System.nanoTime();
        for (int i = 0; i < warmup + files; i++) {
          String name = String.format(Locale.ROOT, "f%05d", i);
          Files.write(src.resolve(name), data);
          long closed = System.nanoTime();
          long arrived = await(arrivals, name, closed + TimeUnit.SECONDS.toNanos(10));
          if (arrived < 0) {
            timeouts++;
            System.err.println("no arrival within 10 s: " + name);
          } else if (i >= warmup) {
            lat[i - warmup] = (arrived - closed) / 1e6;
          }
          next += TimeUnit.MILLISECONDS.toNanos(interval);
          long sleep = next - System.nanoTime();
          if (sleep > 0) {
            TimeUnit.NANOSECONDS.sleep(sleep);
          }
        }

        // The reference: bare rsync, started like the daemon starts it. Arrival is timestamped by
        // the same mirror watcher; process exit is later (rsync's own shutdown), so both are kept.
        double[] bare = new double[bareRuns];
        double[] bareExit = new double[bareRuns];
        for (int i = 0; i < bareRuns; i++) {
          String name = String.format(Locale.ROOT, "bare%03d", i);
          Path f = bareSrc.resolve(name);
          Files.write(f, data);
          List<String> argv = new ArrayList<>(List.of("rsync"));
          argv.addAll(params);
          argv.addAll(bareDest.subList(0, bareDest.size() - 1));
          argv.add(f.toString());
          argv.add(bareDest.get(bareDest.size() - 1));
          long t0 = System.nanoTime();
          Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
          byte[] out = p.getInputStream().readAllBytes();
          int exit = p.waitFor();
          bareExit[i] = (System.nanoTime() - t0) / 1e6;
          long arrived = await(arrivals, name, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
          bare[i] = arrived < 0 ? Double.NaN : (arrived - t0) / 1e6;
          if (exit != 0 || arrived < 0) {
            System.err.println("bare rsync exit " + exit + (arrived < 0 ? ", no arrival: " : ": ")
                + new String(out, StandardCharsets.UTF_8));
          }
          TimeUnit.MILLISECONDS.sleep(interval);
        }

        double[] s = Report.sorted(lat);
        double[] b = Report.sorted(bare);
        double p50 = Report.quantile(s, 0.50);
        double bareP50 = Report.quantile(b, 0.50);
        double bareExitP50 = Report.quantile(Report.sorted(bareExit), 0.50);
        System.out.printf(Locale.ROOT, "%s: %d files of %d B every %d ms (after %d warm-up): "
                + "p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms; bare rsync arrival p50 %.2f ms "
                + "(min %.2f), exit p50 %.2f ms => ratio %.2f; timeouts %d, early arrivals %d%n",
            bench, files, SIZE, interval, warmup, p50, Report.quantile(s, 0.90),
            Report.quantile(s, 0.99), s[s.length - 1], bareP50, b[0], bareExitP50,
            p50 / bareP50, timeouts, early[0]);
        Report.metric(bench, "p50 ms", p50);
        Report.metric(bench, "p90 ms", Report.quantile(s, 0.90));
        Report.metric(bench, "p99 ms", Report.quantile(s, 0.99));
        Report.metric(bench, "max ms", s[s.length - 1]);
        Report.metric(bench, "min ms", s[0]);
        Report.metric(bench, "bare rsync: start->arrival p50 ms", bareP50);
        Report.metric(bench, "bare rsync: start->exit p50 ms", bareExitP50);
        Report.metric(bench, "p50 / bare arrival p50", p50 / bareP50);
        Report.metric(bench, "timeouts", timeouts);
        Report.metric(bench, "early arrivals", early[0]);
        double p99 = Report.quantile(s, 0.99);
        String target = mode.equals("local") ? "local target" : mode.equals("daemon")
            ? "loopback daemon, reference plain rsync -a" : "loopback daemon, reference rsync -a "
            + "--sockopts=TCP_NODELAY (like for like)";
        String what = "idle daemon, 1 KiB file every " + interval + " ms x " + files + ", " + target
            + ": close -> on target";
        String ref = "bare rsync (start -> on target) p50 " + Report.ms(bareP50);
        Report.row("P3", what + ", p50", Report.ms(p50), ref, p50 / bareP50,
            p50 / bareP50 <= 1.3 ? "met (<= 1.3)" : "MISSED (<= 1.3)");
        Report.row("P3", what + ", p99", Report.ms(p99), ref, p99 / bareP50,
            p99 / bareP50 <= 3 ? "met (<= 3)" : "MISSED (<= 3)");
      }
    } finally {
      if (rsyncd != null) {
        rsyncd.close();
      }
      Report.deleteTree(tmp);
    }
    System.exit(0);
  }

  /** The arrival time of {@code name}, or -1 at the deadline; drops stale arrivals. */
  private static long await(BlockingQueue<Arrival> arrivals, String name, long deadline)
      throws InterruptedException {
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return -1;
      }
      Arrival a = arrivals.poll(left, TimeUnit.NANOSECONDS);
      if (a == null) {
        return -1;
      }
      if (a.name().equals(name)) {
        return a.nanos();
      }
    }
  }
}
