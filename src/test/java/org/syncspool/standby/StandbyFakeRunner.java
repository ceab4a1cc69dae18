package org.syncspool.standby;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.syncspool.rsync.ProcessRunner;

/** A {@link ProcessRunner} whose started processes the test controls one by one. */
final class StandbyFakeRunner implements ProcessRunner {
  /** One started "rsync": alive until the test kills it, finished with {@link #exit}. */
  static final class Proc implements Started {
    final List<String> argv;
    volatile boolean alive = true;
    volatile boolean cancelled;
    volatile int exit;
    volatile String stdin;

    Proc(List<String> argv) {
      this.argv = argv;
    }

    @Override
    public Result finish(StdinWriter input) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      input.write(out);
      stdin = out.toString(StandardCharsets.UTF_8);
      alive = false;
      return new Result(exit, "", exit == 0 ? "" : "standby exit " + exit, 1);
    }

    @Override
    public void cancel() {
      cancelled = true;
      alive = false;
    }

    @Override
    public boolean alive() {
      return alive;
    }
  }

  /** One cold run. */
  record Cold(List<String> argv, String stdin) {}

  final List<Proc> started = new ArrayList<>();
  final List<Cold> cold = new ArrayList<>();
  volatile int coldExit;
  volatile IOException startFailure;

  @Override
  public synchronized Result run(List<String> argv, StdinWriter input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    input.write(out);
    cold.add(new Cold(argv, out.toString(StandardCharsets.UTF_8)));
    return new Result(coldExit, "", "", 1);
  }

  @Override
  public synchronized Started start(List<String> argv) throws IOException {
    if (startFailure != null) {
      throw startFailure;
    }
    Proc p = new Proc(argv);
    started.add(p);
    return p;
  }

  synchronized Proc last() {
    return started.get(started.size() - 1);
  }
}
