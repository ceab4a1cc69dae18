package org.syncspool.service.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.testing.NotifySocket;

/** sd_notify against a real AF_UNIX datagram socket, as systemd's NOTIFY_SOCKET is one. */
class SdNotifyTest {
  @TempDir
  Path tmp;

  @Test
  void sendsTheStateToThePathSocket() {
    try (NotifySocket s = NotifySocket.bind(tmp.resolve("notify"))) {
      assertThat(SdNotify.notify(s.path().toString(), "READY=1\nSTATUS=watching 3 directories"))
          .isTrue();
      AtomicReference<String> got = new AtomicReference<>();
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        got.set(s.poll());
        return got.get() != null;
      });
      assertThat(got.get()).isEqualTo("READY=1\nSTATUS=watching 3 directories");
    }
  }

  @Test
  void abstractNamesStartWithANulAndHaveNoTrailingOne() {
    byte[] a = SdNotify.address("@/org/freedesktop/systemd1/notify");
    assertThat(a[0]).isEqualTo((byte) 1);
    assertThat(a[2]).isZero();
    assertThat(a).hasSize(2 + "@/org/freedesktop/systemd1/notify".length());
    assertThat(SdNotify.address("/run/systemd/notify")).hasSize(2 + 19 + 1);
  }

  @Test
  void withoutNotifySocketNothingHappens() {
    assertThat(SdNotify.notify(null, "READY=1")).isFalse();
    assertThat(SdNotify.notify("", "READY=1")).isFalse();
  }
}
