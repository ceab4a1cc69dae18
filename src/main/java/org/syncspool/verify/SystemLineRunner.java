package org.syncspool.verify;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.syncspool.rsync.ProcessRunner;

/** The real {@link LineRunner}: {@link ProcessBuilder}, no shell; stdout read on this thread. */
public final class SystemLineRunner implements LineRunner {
  private static final int STDERR_TAIL = 2048;
  private final Map<String, String> environment;

  /** @param environment added to this process's environment for the child (wins) */
  public SystemLineRunner(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public ProcessRunner.Result run(List<String> argv, ProcessRunner.StdinWriter input,
                                  Consumer<byte[]> line) throws IOException, InterruptedException {
    long start = System.nanoTime();
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().putAll(environment);
    Process p = pb.start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread tErr = new Thread(() -> drainTail(p.getErrorStream(), err), "verify-stderr");
    tErr.setDaemon(true);
    tErr.start();
    Thread tIn = new Thread(() -> {
      try (OutputStream stdin = p.getOutputStream()) {
        input.write(stdin);
      } catch (IOException | RuntimeException e) {
        // rsync exited without reading it all: its exit code and stderr say why
      }
    }, "verify-stdin");
    tIn.setDaemon(true);
    tIn.start();
    try (InputStream out = new BufferedInputStream(p.getInputStream(), 64 * 1024)) {
      ByteArrayOutputStream cur = new ByteArrayOutputStream(256);
      int b;
      while ((b = out.read()) >= 0) {
        if (b == '\n') {
          line.accept(cur.toByteArray());
          cur.reset();
        } else {
          cur.write(b);
        }
      }
      if (cur.size() > 0) {
        line.accept(cur.toByteArray());
      }
    }
    int code = p.waitFor();
    tIn.join();
    tErr.join();
    String tail;
    synchronized (err) {
      tail = err.toString(StandardCharsets.UTF_8);
    }
    return new ProcessRunner.Result(code, "", tail, (System.nanoTime() - start) / 1_000_000);
  }

  private static void drainTail(InputStream in, ByteArrayOutputStream kept) {
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        synchronized (kept) {
          kept.write(buf, 0, n);
          if (kept.size() > STDERR_TAIL * 2) {
            byte[] all = kept.toByteArray();
            kept.reset();
            kept.write(all, all.length - STDERR_TAIL, STDERR_TAIL);
          }
        }
      }
    } catch (IOException e) {
      // the child is gone
    }
  }
}
