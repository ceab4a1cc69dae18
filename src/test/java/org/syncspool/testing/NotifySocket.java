package org.syncspool.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The receiving end of sd_notify, as systemd holds it: an AF_UNIX datagram socket bound to a
 * path (Java 17's NIO has no AF_UNIX datagrams, so jnr-ffi, as in the daemon).
 */
public final class NotifySocket implements AutoCloseable {
  /** The libc calls. */
  public interface LibC {
    int socket(int domain, int type, int protocol);

    int bind(int fd, @In byte[] addr, int len);

    @ssize_t long recv(int fd, @Out byte[] buf, @size_t long len, int flags);

    int close(int fd);
  }

  private static final int MSG_DONTWAIT = 0x40;
  private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
  private final int fd;
  private final Path path;

  private NotifySocket(int fd, Path path) {
    this.fd = fd;
    this.path = path;
  }

  /** Binds a new socket at {@code path}. */
  public static NotifySocket bind(Path path) {
    int fd = LIBC.socket(1, 2, 0); // AF_UNIX, SOCK_DGRAM
    if (fd < 0) {
      throw new IllegalStateException("socket() failed");
    }
    byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
    byte[] addr = new byte[2 + p.length + 1];
    addr[0] = 1; // sa_family = AF_UNIX, little-endian
    System.arraycopy(p, 0, addr, 2, p.length);
    if (LIBC.bind(fd, addr, addr.length) != 0) {
      LIBC.close(fd);
      throw new IllegalStateException("bind(" + path + ") failed");
    }
    return new NotifySocket(fd, path);
  }

  public Path path() {
    return path;
  }

  /** The next datagram, or null when none is waiting (never blocks). */
  public String poll() {
    byte[] buf = new byte[4096];
    long n = LIBC.recv(fd, buf, buf.length, MSG_DONTWAIT);
    return n < 0 ? null : new String(buf, 0, (int) n, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    LIBC.close(fd);
  }
}
