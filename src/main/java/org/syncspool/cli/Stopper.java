package org.syncspool.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.LoggerFactory;

/**
 * Waits for SIGTERM or SIGINT. A plain shutdown hook would make the JVM exit 143 after a clean
 * stop; handling the signals lets the daemon stop in order and exit 0, which systemd expects.
 * SIGHUP never stops it (the JVM's default would): it runs the {@link #onHangup} actions, such
 * as reopening the change list after logrotate moved it.
 *
 * <p>The JDK has no public API for signals; {@code sun.misc.Signal} (module jdk.unsupported,
 * exported) is the one way, and {@link #handle} is the only place that touches it. It does so
 * by reflection: javac 17 reports any compile-time use as "internal proprietary API" with a
 * mandatory warning that neither {@code @SuppressWarnings} nor a lint option can silence
 * (checked with and without {@code --release} and {@code -XDenableSunApiLintControl}), and the
 * build treats warnings as errors.
 */
final class Stopper {
  private final CountDownLatch latch = new CountDownLatch(1);
  private final List<Runnable> hangup = new CopyOnWriteArrayList<>();

  static Stopper onSignals() {
    Stopper s = new Stopper();
    for (String name : new String[] {"TERM", "INT"}) {
      handle(name, number -> {
        if (s.latch.getCount() == 0) {
          // A second signal while a batch in flight holds the stop: the operator insists.
          // Nothing is lost: what is not committed is still in the journal.
          System.err.println("syncspool: second SIG" + name + ", exiting without waiting");
          Runtime.getRuntime().halt(128 + number);
        }
        s.latch.countDown();
      });
    }
    handle("HUP", number -> {
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

  /**
   * {@code sun.misc.Signal.handle(new Signal(name), sig -> handler.accept(sig.getNumber()))}.
   * The handler runs on the JVM's signal thread.
   */
  private static void handle(String name, IntConsumer handler) {
    try {
      ClassLoader loader = ClassLoader.getSystemClassLoader();
      Class<?> signal = Class.forName("sun.misc.Signal", true, loader);
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler", true, loader);
      Method number = signal.getMethod("getNumber");
      Object proxy = Proxy.newProxyInstance(loader, new Class<?>[] {handlerType},
          (self, method, args) -> {
            if (method.getName().equals("handle") && args != null && args.length == 1) {
              handler.accept((Integer) number.invoke(args[0]));
              return null;
            }
            // Object's methods on the proxy itself.
            return switch (method.getName()) {
              case "hashCode" -> System.identityHashCode(self);
              case "equals" -> args != null && self == args[0];
              default -> "SignalHandler(SIG" + name + ")";
            };
          });
      signal.getMethod("handle", signal, handlerType)
          .invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot handle SIG" + name + ": " + e, e);
    }
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
