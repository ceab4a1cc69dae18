package org.syncspool.service;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.syncspool.config.Target;
import org.syncspool.worker.TargetProbe;

/** {@link TargetProbe} for network targets: does the rsync daemon's or sshd's port accept? */
final class TcpProbe implements TargetProbe {
  /** Long enough for a distant server, short enough to keep a stop prompt. */
  private static final int CONNECT_TIMEOUT_MILLIS = 1000;
  private static final int RSYNC_PORT = 873;
  private static final int SSH_PORT = 22;

  private final String host;
  private final int port;

  private TcpProbe(String host, int port) {
    this.host = host;
    this.port = port;
  }

  static TargetProbe of(Target t) {
    return switch (t.mode()) {
      case LOCAL -> TargetProbe.NONE;
      case DAEMON -> new TcpProbe(t.host(), t.port() != null ? t.port() : RSYNC_PORT);
      case SSH -> new TcpProbe(t.host(), t.port() != null ? t.port() : SSH_PORT);
    };
  }

  @Override
  public boolean reachable() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
