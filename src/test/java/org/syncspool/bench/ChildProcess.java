package org.syncspool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A daemon under test as its own process (the shipped jar, or lsyncd), with what /proc says
 * about it: CPU time and resident memory. P5 and P6 measure the process as an operator runs it,
 * so the JVM flags are the jar's own (none on the command line unless {@code BENCH_JAVA_OPTS}).
 */
final class ChildProcess implements AutoCloseable {
  /** USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux we run on. */
  private static final double TICKS_PER_SECOND = 100;

  final Process process;
  final Path out;
  final long startNanos;

  private ChildProcess(Process process, Path out, long startNanos) {
    this.process = process;
    this.out = out;
    this.startNanos = startNanos;
  }

  /** {@code java [BENCH_JAVA_OPTS] -jar JAR run -o CONFIG}, output to {@code out}. */
  static ChildProcess syncspool(Path jar, Path config, Path out) throws IOException {
    List<String> argv = new ArrayList<>(List.of("java"));
    String opts = System.getenv("BENCH_JAVA_OPTS");
    if (opts != null && !opts.isBlank()) {
      argv.addAll(List.of(opts.trim().split("\\s+")));
    }
    argv.addAll(List.of("-jar", jar.toString(), "run", "-o", config.toString()));
    return start(argv, out);
  }

  /** A process started elsewhere (lsyncd by {@link BenchTargets#startLsyncd}). */
  static ChildProcess wrap(Process p, Path out) {
    return new ChildProcess(p, out, System.nanoTime());
  }

  static ChildProcess start(List<String> argv, Path out) throws IOException {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile())
        .start();
    return new ChildProcess(p, out, t0);
  }

  /** Waits for {@code text} in the output; the time it was first seen (nanoTime), or -1. */
  long awaitOutput(String text, long timeoutMillis) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (Files.readString(out).contains(text)) {
        return System.nanoTime();
      }
      Thread.sleep(10);
    }
    return -1;
  }

  /** utime + stime of the process and its waited-for children, in seconds. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    // Fields after the command name (which may hold spaces) in parentheses.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
        + Long.parseLong(f[14]);
    return ticks / TICKS_PER_SECOND;
  }

  /** Thread name -> CPU ticks (utime + stime) of every thread, summed per name. */
  java.util.Map<String, Long> threadTicks() throws IOException {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          out.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
        } catch (IOException gone) {
          // the thread ended meanwhile
        }
      }
    }
    return out;
  }

  /** A line of /proc/PID/status in MiB, e.g. VmRSS (now) or VmHWM (peak). */
  double statusMiB(String key) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith(key + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: a clean stop
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      // Not thrown: try-with-resources would swallow an interrupt (javac's "try" lint).
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
