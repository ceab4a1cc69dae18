package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.config.ConfigLoader;
import org.syncspool.rsync.SystemProcessRunner;
import org.syncspool.service.Daemon;
import org.syncspool.service.http.Endpoint;
import org.syncspool.testing.RsyncDaemon;
import org.syncspool.time.Scheduler;
import org.syncspool.time.SystemScheduler;
import org.syncspool.time.Waiter;

/**
 * Issue 10 item 5, the last line: {@code /healthz} reports a pipeline that is stuck, a backlog
 * above 0 with no progress, end to end through the real endpoint. A damaged record header once
 * made a worker wait IDLE forever while the backlog grew and {@code /healthz} said ok; that cause
 * is fixed (DamagedJournalIT), so the stall is made here the way any such bug would make it: a
 * lost wake-up, at the scheduler seam. While {@link DeafScheduler#deaf} is set, wake-ups are
 * dropped and waits do not return, so the worker sits IDLE with records behind it. Once wake-ups
 * flow again the backlog drains and {@code /healthz} is 200 again.
 */
class HealthzStuckIT {
  @TempDir
  Path tmp;

  /** The real scheduler, except that wake-ups can be lost on purpose. */
  static final class DeafScheduler implements Scheduler {
    final AtomicBoolean deaf = new AtomicBoolean();
    private final List<Waiter> inner = new CopyOnWriteArrayList<>();

    @Override
    public long nanos() {
      return SystemScheduler.INSTANCE.nanos();
    }

    @Override
    public Handle start(String name, Runnable body) {
      return SystemScheduler.INSTANCE.start(name, body);
    }

    @Override
    public Waiter waiter() {
      Waiter w = SystemScheduler.INSTANCE.waiter();
      inner.add(w);
      return new Waiter() {
        @Override
        public void await(long deadlineNanos) {
          while (deaf.get()) {
            LockSupport.parkNanos(5_000_000); // the seam's fake: deaf means no return
          }
          w.await(deadlineNanos);
        }

        @Override
        public void wake() {
          if (!deaf.get()) {
            w.wake();
          }
        }
      };
    }

    /** Hears again, and gives every waiter the wake-up it missed. */
    void hear() {
      deaf.set(false);
      inner.forEach(Waiter::wake);
    }
  }

  @Test
  void aBacklogThatDoesNotMoveMakesHealthz503UntilItMovesAgain() throws Exception {
    int port = RsyncDaemon.freePort();
    Path source = Files.createDirectories(tmp.resolve("source"));
    Path conf = tmp.resolve("syncspool.xml");
    Files.writeString(conf, """
        <head version="2.5">
          <host hostip="127.0.0.1" port="%d"/>
          <sersync><localpath watch="%s"><remote path="%s"/></localpath></sersync>
          <syncspool stateDir="%s" watcher="%s"/>
        </head>
        """.formatted(port, source, tmp.resolve("mirror"), tmp.resolve("state"),
        ReplicationFixture.WATCHER));
    DeafScheduler scheduler = new DeafScheduler();
    try (Daemon daemon = new Daemon(ConfigLoader.load(conf), true, new SystemProcessRunner(),
        "rsync", scheduler, System::currentTimeMillis, code -> {
          throw new AssertionError("halted with " + code);
        }); Endpoint endpoint = Endpoint.around(daemon)) {
      daemon.detectStallsAfter(500);
      daemon.start();
      endpoint.serve();
      Files.writeString(source.resolve("before.txt"), "before");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(tmp.resolve("mirror/before.txt")).hasContent("before"));
      await().atMost(Duration.ofSeconds(30)).until(() -> healthz(port).statusCode() == 200);

      scheduler.deaf.set(true);
      Files.writeString(source.resolve("stuck.txt"), "stuck");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(
          () -> {
            HttpResponse<String> r = healthz(port);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("stuck (").contains("records behind");
          });
      assertThat(tmp.resolve("mirror/stuck.txt")).doesNotExist();

      scheduler.hear();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(tmp.resolve("mirror/stuck.txt")).hasContent("stuck"));
      await().atMost(Duration.ofSeconds(30)).until(() -> healthz(port).statusCode() == 200);
    }
  }

  private static HttpResponse<String> healthz(int port) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
