package org.syncspool.rsync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The real {@link ProcessRunner}: {@link ProcessBuilder} with an argv list, no shell. */
public final class SystemProcessRunner implements ProcessRunner {
  /** Enough of stdout for rsync's --stats and itemized output; the rest is drained and dropped. */
  private static final int STDOUT_CAP = 256 * 1024;
  /** The end of stderr is where rsync puts its "rsync error: ... (code N)" summary. */
  private static final int STDERR_TAIL = 2048;
  /** How long a cancelled (empty-stdin) child may take to exit before it is killed. */
  private static final long CANCEL_WAIT_SECONDS = 5;
  /** A longer stdout line is not split for a {@link LineSink} (rsync's are short). */
  private static final int LINE_CAP = 64 * 1024;

  private final Map<String, String> environment;

  public SystemProcessRunner() {
    this(Map.of());
  }

  /** Children get this process's environment plus {@code environment} (which wins). */
  public SystemProcessRunner(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Result run(List<String> argv, StdinWriter input) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Result r = start(argv).finish(input);
    return new Result(r.exitCode(), r.stdout(), r.stderrTail(),
        (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public Result run(List<String> argv, StdinWriter input, LineSink lines)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Result r = start(argv, lines).finish(input);
    return new Result(r.exitCode(), r.stdout(), r.stderrTail(),
        (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public Started start(List<String> argv) throws IOException {
    return start(argv, null);
  }

  private Started start(List<String> argv, @Nullable LineSink lines) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    // RSYNC_OLD_ARGS=1 in the daemon's environment would turn --old-args on for every run.
    pb.environment().remove("RSYNC_OLD_ARGS");
    pb.environment().putAll(environment);
    Process p = pb.start();
    Drain out = new Drain(p.getInputStream(), STDOUT_CAP, false, lines);
    Drain err = new Drain(p.getErrorStream(), STDERR_TAIL, true, null);
    Thread tOut = started(out, "rsync-stdout");
    Thread tErr = started(err, "rsync-stderr");
    return new Started() {
      @Override
      public Result finish(StdinWriter input) {
        long start = System.nanoTime();
        try (OutputStream stdin = p.getOutputStream()) {
          input.write(stdin);
        } catch (IOException | java.io.UncheckedIOException e) {
          // The child exited without reading all of stdin (e.g. connection refused): its exit
          // code and stderr say why; a broken pipe here adds nothing.
        }
        int code = waitUninterrupted(p, tOut, tErr);
        return new Result(code, out.text(), err.text(), (System.nanoTime() - start) / 1_000_000);
      }

      @Override
      public void cancel() {
        try {
          p.getOutputStream().close();
        } catch (IOException e) {
          // Already gone.
        }
        try {
          if (!p.waitFor(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          p.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public boolean alive() {
        return p.isAlive();
      }
    };
  }

  /**
   * A run in flight is never abandoned: an interrupt (a stop racing with the worker) waits for
   * rsync to finish, so its outcome is known, and is passed on afterwards.
   */
  private static int waitUninterrupted(Process p, Thread tOut, Thread tErr) {
    boolean interrupted = false;
    int code;
    while (true) {
      try {
        code = p.waitFor();
        tOut.join();
        tErr.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return code;
  }

  private static Thread started(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Reads a stream to its end, keeping the head (stdout) or the tail (stderr). */
  private static final class Drain implements Runnable {
    private final InputStream in;
    private final int cap;
    private final boolean keepTail;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private byte @Nullable [] ring;
    private final @Nullable LineSink lines;
    /** The line being read, when {@link #lines} is set. */
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    Drain(InputStream in, int cap, boolean keepTail, @Nullable LineSink lines) {
      this.in = in;
      this.cap = cap;
      this.keepTail = keepTail;
      this.lines = lines;
    }

    /** Splits at '\n' and '\r'; a '\r' line goes to the sink only, a '\n' line also is kept. */
    private void split(byte[] buf, int n) {
      LineSink sink = java.util.Objects.requireNonNull(lines);
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (b == '\n' || b == '\r') {
          String text = line.toString(StandardCharsets.UTF_8);
          if (b == '\n') {
            line.write(b);
            keep(line.toByteArray(), line.size());
          }
          line.reset();
          try {
            sink.line(text);
          } catch (RuntimeException e) {
            // A sink must not throw; if one does, the run goes on without it.
          }
        } else {
          line.write(b);
          if (line.size() > LINE_CAP) { // no rsync line is this long: keep it, unsplit
            keep(line.toByteArray(), line.size());
            line.reset();
          }
        }
      }
    }

    private void keep(byte[] b, int n) {
      int room = cap - kept.size();
      if (room > 0) {
        kept.write(b, 0, Math.min(room, n));
      }
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) > 0) {
          if (lines != null) {
            split(buf, n);
          } else if (!keepTail) {
            int room = cap - kept.size();
            if (room > 0) {
              kept.write(buf, 0, Math.min(room, n));
            }
          } else {
            kept.write(buf, 0, n);
            if (kept.size() > cap * 2) {
              byte[] all = kept.toByteArray();
              kept.reset();
              kept.write(all, all.length - cap, cap);
            }
          }
        }
      } catch (IOException e) {
        // The child is gone; what was read is what there is.
      }
      if (lines != null && line.size() > 0) {
        keep(line.toByteArray(), line.size());
      }
      if (keepTail && kept.size() > cap) {
        byte[] all = kept.toByteArray();
        ring = java.util.Arrays.copyOfRange(all, all.length - cap, all.length);
      }
    }

    String text() {
      byte[] b = ring != null ? ring : kept.toByteArray();
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  /** The last lines of rsync's stderr on one line, for a log message. */
  public static String oneLine(String stderr) {
    String s = stderr.strip().replace("\r", "");
    return s.isEmpty() ? "(no stderr)" : s.replace("\n", " | ");
  }
}
