package org.syncspool.hook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.syncspool.config.Hook;

/**
 * Runs one hook: its argv (never a shell), the event's JSON on stdin, the working directory
 * {@code /}, an environment of only {@code PATH}, {@code HOME}, {@code LANG}, {@code TZ} and
 * {@code SYNCSPOOL_EVENT}/{@code SYNCSPOOL_TARGET} (nothing the daemon was given, so no
 * {@code RSYNC_PASSWORD} or other secret reaches it), killed with its descendants after its
 * timeout. Its output (stdout and stderr, together) goes to a file in {@code tmpDir}, of which
 * the end is kept for one log line.
 */
public final class HookRunner {
  /** The end of a hook's output kept for the log. */
  static final int OUTPUT_TAIL = 400;
  /** What a hook finds in PATH: the system's usual directories, nothing of the daemon's. */
  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Path tmpDir;

  public HookRunner(Path tmpDir) {
    this.tmpDir = tmpDir;
  }

  /**
   * How a hook run ended.
   *
   * @param exitCode the hook's exit status, -1 when it could not be started or was killed
   * @param timedOut killed after its timeout
   * @param output   the end of what it printed, or why it could not be started
   * @param millis   how long it ran
   */
  public record Result(int exitCode, boolean timedOut, String output, long millis) {
    public boolean ok() {
      return exitCode == 0 && !timedOut;
    }

    /** For a log line: {@code exit 0 in 12 ms}, {@code killed after its 10s timeout}, ... */
    public String describe(Hook hook) {
      String how = timedOut ? "killed after its " + org.syncspool.config.Span.format(
          hook.timeoutMillis()) + " timeout" : exitCode < 0 ? "could not be started"
          : "exit " + exitCode + " in " + millis + " ms";
      return output.isEmpty() ? how : how + ": " + output;
    }
  }

  /** The environment a hook gets, from the daemon's own {@code env}. */
  static Map<String, String> environment(Map<String, String> env, HookEvent e) {
    Map<String, String> out = new java.util.TreeMap<>();
    out.put("PATH", PATH);
    out.put("HOME", env.getOrDefault("HOME", "/"));
    out.put("LANG", env.getOrDefault("LANG", "C.UTF-8"));
    if (env.containsKey("TZ")) {
      out.put("TZ", env.get("TZ"));
    }
    out.put("SYNCSPOOL_EVENT", e.event());
    out.put("SYNCSPOOL_TARGET", e.target());
    return out;
  }

  public Result run(Hook hook, HookEvent event) throws InterruptedException {
    long start = System.nanoTime();
    Path out = null;
    try {
      Files.createDirectories(tmpDir);
      out = Files.createTempFile(tmpDir, "hook-", ".out");
      ProcessBuilder pb = new ProcessBuilder(hook.argv()).directory(Path.of("/").toFile())
          .redirectErrorStream(true).redirectOutput(out.toFile());
      Map<String, String> env = pb.environment();
      Map<String, String> mine = environment(Map.copyOf(env), event);
      env.clear();
      env.putAll(mine);
      Process p = pb.start();
      // The document is far below a pipe's 64 KiB (HookEvent caps the paths): this never blocks.
      try (OutputStream in = p.getOutputStream()) {
        in.write((event.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException closedEarly) {
        // the hook did not read its stdin: fine
      }
      boolean done;
      try {
        done = p.waitFor(hook.timeoutMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException stopping) {
        kill(p);
        throw stopping;
      }
      if (!done) {
        kill(p);
      }
      return new Result(done ? p.exitValue() : -1, !done, tail(out), millis(start));
    } catch (IOException e) {
      return new Result(-1, false, String.valueOf(e.getMessage()), millis(start));
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a leftover in the state's tmp directory; the next run does not need it
        }
      }
    }
  }

  private static void kill(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(5, TimeUnit.SECONDS);
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static String tail(Path out) throws IOException {
    String s;
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(out.toFile(), "r")) {
      long len = f.length();
      long from = Math.max(0, len - OUTPUT_TAIL);
      byte[] b = new byte[(int) (len - from)];
      f.seek(from);
      f.readFully(b);
      s = new String(b, StandardCharsets.UTF_8);
    }
    return List.of(s.strip().split("\\R")).stream().filter(l -> !l.isBlank())
        .reduce((a, b) -> a + " | " + b).orElse("");
  }
}
