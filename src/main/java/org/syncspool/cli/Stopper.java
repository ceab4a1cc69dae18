package org.syncspool.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Waits for SIGTERM or SIGINT. A plain shutdown hook would make the JVM exit 143 after a clean
 * stop; handling the signals lets the daemon stop in order and exit 0, which systemd expects.
 * SIGHUP never stops it (the JVM's default would): it runs the {@link #onHangup} actions, such
 * as reopening the change list after logrotate moved it.
 */
final class Stopper {
  private final CountDownLatch latch = new CountDownLatch(1);
  private final List<Runnable> hangup = new CopyOnWriteArrayList<>();

  static Stopper onSignals() {
    Stopper s = new Stopper();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), sig -> {
        if (s.latch.getCount() == 0) {
          // A second signal while a batch in flight holds the stop: the operator insists.
          // Nothing is lost: what is not committed is still in the journal.
          System.err.println("syncspool: second SIG" + name + ", exiting without waiting");
          Runtime.getRuntime().halt(128 + sig.getNumber());
        }
        s.latch.countDown();
      });
    }
    Signal.handle(new Signal("HUP"), sig -> {
      for (Runnable r : s.hangup) {
        try {
          r.run();
        } catch (RuntimeException e) {
          LoggerFactory.getLogger(Stopper.class).warn("on SIGHUP: {}", e.toString());
        }
      }
      if (s.hangup.isEmpty()) {
        LoggerFactory.getLogger(Stopper.class).info("SIGHUP: nothing to reopen");
      }
    });
    return s;
  }

  /** Runs {@code action} on every SIGHUP (on the JVM's signal thread). */
  void onHangup(Runnable action) {
    hangup.add(action);
  }

  void stop() {
    latch.countDown();
  }

  void await() throws InterruptedException {
    latch.await();
  }

  boolean await(long seconds) throws InterruptedException {
    return latch.await(seconds, TimeUnit.SECONDS);
  }
}
