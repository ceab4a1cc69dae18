package org.syncspool.service.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify against a real AF_UNIX datagram socket, as systemd's NOTIFY_SOCKET is one. */
class SdNotifyTest {
  /** The receiving side, which Java 17's NIO cannot do for AF_UNIX datagrams either. */
  public interface Recv {
    int socket(int domain, int type, int protocol);

    int bind(int fd, @In byte[] addr, int len);

    @ssize_t long recv(int fd, @Out byte[] buf, @size_t long len, int flags);

    int close(int fd);
  }

  @TempDir
  Path tmp;

  @Test
  void sendsTheStateToThePathSocket() {
    Recv libc = LibraryLoader.create(Recv.class).load("c");
    String path = tmp.resolve("notify").toString();
    int fd = libc.socket(1, 2, 0);
    assertThat(fd).isNotNegative();
    try {
      byte[] addr = SdNotify.address(path);
      assertThat(libc.bind(fd, addr, addr.length)).isZero();
      assertThat(SdNotify.notify(path, "READY=1\nSTATUS=watching 3 directories")).isTrue();
      byte[] buf = new byte[256];
      long n = libc.recv(fd, buf, buf.length, 0);
      assertThat(new String(buf, 0, (int) n, StandardCharsets.UTF_8))
          .isEqualTo("READY=1\nSTATUS=watching 3 directories");
    } finally {
      libc.close(fd);
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
