package org.syncspool.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.syncspool.rsync.ProcessRunner;

/**
 * A programmable {@link ProcessRunner}: starts nothing. Each call's argv and the stdin its
 * {@link StdinWriter} produced are recorded; exit codes come from a programmed sequence
 * ({@link #thenExit}), then the default ({@link #otherwiseExit}, 0 unless set). A call can be held
 * inside the "process" until the test releases it ({@link #blockNext()}), like a slow rsync.
 * Thread-safe.
 */
public final class FakeProcessRunner implements ProcessRunner {

  /** One recorded run. */
  public record Call(List<String> argv, byte[] stdin) {
    public Call {
      argv = List.copyOf(argv);
    }

    /**
     * The NUL-terminated entries of stdin, decoded as UTF-8 (tests use UTF-8 names), as rsync
     * reads --files-from: without the leading slash every entry is sent with (BatchRuns).
     */
    public List<String> paths() {
      List<String> out = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < stdin.length; i++) {
        if (stdin[i] == 0) {
          int from = start < i && stdin[start] == '/' ? start + 1 : start;
          out.add(new String(stdin, from, i - from, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      if (start != stdin.length) {
        throw new AssertionError("stdin does not end with NUL: " + stdinText());
      }
      return out;
    }

    /** Stdin as text with NULs shown as {@code \0}, for failure messages. */
    public String stdinText() {
      return new String(stdin, StandardCharsets.UTF_8).replace("\0", "\\0");
    }

    /** True when argv holds every one of {@code words}. */
    public boolean has(String... words) {
      return argv.containsAll(List.of(words));
    }

    /** The value of the first {@code --name=value} word, or null. */
    public String option(String name) {
      String prefix = name + "=";
      return argv.stream().filter(w -> w.startsWith(prefix)).map(w -> w.substring(prefix.length()))
          .findFirst().orElse(null);
    }

    @Override
    public String toString() {
      return argv + " <<< " + stdinText();
    }
  }

  /** A held call: the test waits for it to be inside the runner, then lets it finish. */
  public static final class Gate {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean interrupted;

    /** Waits until the held call is inside the runner; false on timeout. */
    public boolean awaitEntered(long timeout, TimeUnit unit) throws InterruptedException {
      return entered.await(timeout, unit);
    }

    public boolean entered() {
      return entered.getCount() == 0;
    }

    /** Lets the held call return its exit code. */
    public void release() {
      released.countDown();
    }

    /** True when the caller's thread was interrupted while held (a real waitFor would throw). */
    public boolean wasInterrupted() {
      return interrupted;
    }

    void hold() throws InterruptedException {
      entered.countDown();
      try {
        released.await();
      } catch (InterruptedException e) {
        interrupted = true;
        throw e;
      }
    }
  }

  private final List<Call> calls = new ArrayList<>();
  private final Deque<Integer> exits = new ArrayDeque<>();
  private final Deque<Gate> gates = new ArrayDeque<>();
  private final List<Map.Entry<Predicate<Call>, Integer>> rules = new ArrayList<>();
  private int otherwise;
  private Consumer<Call> onRun = call -> { };

  /**
   * Calls that match {@code which} exit {@code code}, whatever is queued (the queue is not
   * consumed by them); the first matching rule wins. E.g. a target whose listing fails, or a
   * batch that fails while it holds one poison path.
   */
  public synchronized FakeProcessRunner when(Predicate<Call> which, int code) {
    rules.add(Map.entry(which, code));
    return this;
  }

  /** Queues exit codes for the next calls, in order; later calls get {@link #otherwiseExit}. */
  public synchronized FakeProcessRunner thenExit(int... codes) {
    for (int c : codes) {
      exits.add(c);
    }
    return this;
  }

  /** The exit code once the programmed sequence is used up (0 until set). */
  public synchronized FakeProcessRunner otherwiseExit(int code) {
    otherwise = code;
    return this;
  }

  /** Every call exits {@code code}: forgets the queued sequence. */
  public synchronized FakeProcessRunner alwaysExit(int code) {
    exits.clear();
    otherwise = code;
    return this;
  }

  /**
   * Holds the next call that has no gate yet inside the runner until {@link Gate#release()}
   * (calling it again holds the calls after it too).
   */
  public synchronized Gate blockNext() {
    Gate g = new Gate();
    gates.add(g);
    return g;
  }

  /**
   * Runs {@code hook} inside every call, after stdin was captured and before any hold; the call
   * is already in {@link #calls()}. For snapshots of other fakes' state (e.g. commits so far) or of
   * files that exist only while the run does.
   */
  public synchronized FakeProcessRunner onRun(Consumer<Call> hook) {
    onRun = hook;
    return this;
  }

  private List<String> stdoutLines = List.of();

  /**
   * Lines every run followed line by line ({@link #run(List, StdinWriter, LineSink)}) prints on
   * stdout, given to its sink before the run's hook and hold (as rsync's progress comes while it
   * runs).
   */
  public synchronized FakeProcessRunner printing(String... lines) {
    stdoutLines = List.of(lines);
    return this;
  }

  @Override
  public Result run(List<String> argv, StdinWriter input, LineSink lines)
      throws IOException, InterruptedException {
    List<String> printed;
    synchronized (this) {
      printed = stdoutLines;
    }
    printed.forEach(lines::line);
    return run(argv, input);
  }

  @Override
  public Result run(List<String> argv, StdinWriter input) throws IOException, InterruptedException {
    ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    input.write(stdin);
    Call call = new Call(argv, stdin.toByteArray());
    int exit;
    Gate gate;
    Consumer<Call> hook;
    synchronized (this) {
      calls.add(call);
      Integer ruled = null;
      for (Map.Entry<Predicate<Call>, Integer> r : rules) {
        if (r.getKey().test(call)) {
          ruled = r.getValue();
          break;
        }
      }
      exit = ruled != null ? ruled : exits.isEmpty() ? otherwise : exits.poll();
      gate = gates.poll();
      hook = onRun;
    }
    hook.accept(call);
    if (gate != null) {
      gate.hold();
    }
    return new Result(exit, "", exit == 0 ? "" : "fake rsync exit " + exit, 1);
  }

  /** The calls so far, in order. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized int callCount() {
    return calls.size();
  }

  /** The {@code i}-th call (0-based). */
  public synchronized Call call(int i) {
    return calls.get(i);
  }
}
