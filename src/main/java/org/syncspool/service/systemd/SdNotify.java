package org.syncspool.service.systemd;

import java.nio.charset.StandardCharsets;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify(3) without libsystemd: {@code READY=1} once the watches are in place, {@code
 * STOPPING=1} on shutdown, {@code STATUS=...} for {@code systemctl status}. Does nothing when
 * {@code $NOTIFY_SOCKET} is unset (not under systemd, or {@code Type=simple}).
 */
public final class SdNotify {
  private static final Logger log = LoggerFactory.getLogger(SdNotify.class);
  private static final int AF_UNIX = 1;
  private static final int SOCK_DGRAM = 2;
  private static final int SOCK_CLOEXEC = 0x80000;
  /** sizeof(struct sockaddr_un): 2 bytes of family, 108 of path. */
  static final int SOCKADDR_UN = 110;

  /** The three calls, bound by jnr-ffi. */
  public interface Sock {
    int socket(int domain, int type, int protocol);

    @ssize_t long sendto(int fd, @In byte[] buf, @size_t long len, int flags, @In byte[] addr,
                         int addrlen);

    int close(int fd);
  }

  private SdNotify() {}

  /** Sends {@code state} (e.g. "READY=1") to $NOTIFY_SOCKET; false if unset or it failed. */
  public static boolean notify(String state) {
    return notify(System.getenv("NOTIFY_SOCKET"), state);
  }

  static boolean notify(String socket, String state) {
    if (socket == null || socket.isEmpty()) {
      return false;
    }
    try {
      byte[] addr = address(socket);
      Sock libc = LibraryLoader.create(Sock.class).load("c");
      int fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
      if (fd < 0) {
        log.warn("sd_notify: socket() failed");
        return false;
      }
      try {
        byte[] msg = state.getBytes(StandardCharsets.UTF_8);
        long n = libc.sendto(fd, msg, msg.length, 0, addr, addr.length);
        if (n != msg.length) {
          log.warn("sd_notify {} to {} failed", state, socket);
          return false;
        }
        return true;
      } finally {
        libc.close(fd);
      }
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      log.warn("sd_notify {} to {}: {}", state, socket, e.toString());
      return false;
    }
  }

  /**
   * {@code struct sockaddr_un} for {@code socket}, trimmed to the length sendto(2) gets: a path
   * with its NUL; an abstract name ({@code @name}) with a leading NUL and no trailing one.
   */
  static byte[] address(String socket) {
    byte[] path = socket.getBytes(StandardCharsets.UTF_8);
    boolean abstractName = path[0] == '@';
    int len = 2 + path.length + (abstractName ? 0 : 1);
    if (len > SOCKADDR_UN) {
      throw new IllegalArgumentException("NOTIFY_SOCKET too long: " + socket);
    }
    byte[] a = new byte[len];
    a[0] = AF_UNIX; // sa_family_t, little-endian on every platform we run on (x86-64, arm64)
    System.arraycopy(path, 0, a, 2, path.length);
    if (abstractName) {
      a[2] = 0;
    }
    return a;
  }
}
