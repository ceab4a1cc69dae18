package org.syncspool.config.xml;

import java.nio.file.Path;
import java.util.List;
import org.syncspool.config.ConfigException;

/**
 * The {@code <sersync><rsync>} block: settings every remote inherits unless it overrides them.
 * A password file of an enabled {@code <auth>} is checked here, used by a remote or not.
 */
record RsyncShared(
    List<String> params,
    boolean ssh,
    String user,
    Path passwordFile,
    Integer port,
    Integer timeoutSeconds) {

  static RsyncShared read(Values v, Dto.Rsync rsync) throws ConfigException {
    if (rsync == null) {
      return new RsyncShared(RsyncParams.withoutUpdate(RsyncParams.split(RsyncParams.DEFAULT))
          .words(), false, null, null, null, null);
    }
    List<String> params = params(v, rsync.commonParams);
    boolean ssh = rsync.ssh != null && v.start(rsync.ssh, rsync.ssh.start);

    String user = null;
    Path passwordFile = null;
    Dto.Auth auth = rsync.auth;
    if (auth != null && v.start(auth, auth.start)) {
      user = v.required(auth, "users", auth.users);
      passwordFile = v.absolute(auth, "passwordfile", auth.passwordfile);
      v.checkPasswordFile(auth, passwordFile);
    }

    Integer port = null;
    Dto.UserDefinedPort udp = rsync.userDefinedPort;
    if (udp != null && v.start(udp, udp.start)) {
      v.required(udp, "port", udp.port);
      port = v.port(udp, "port", udp.port, 0);
    }

    Integer timeout = null;
    Dto.Timeout t = rsync.timeout;
    if (t != null && v.start(t, t.start)) {
      v.required(t, "time", t.time);
      timeout = v.integer(t, "time", t.time, 1, 0);
    }
    return new RsyncShared(params, ssh, user, passwordFile, port, timeout);
  }

  private static List<String> params(Values v, Dto.CommonParams cp) throws ConfigException {
    String raw = cp == null || cp.params == null ? RsyncParams.DEFAULT : cp.params;
    try {
      List<String> words = RsyncParams.split(raw);
      RsyncParams.check(words);
      RsyncParams.Stripped stripped = RsyncParams.withoutUpdate(words);
      if (stripped.droppedUpdate() && cp != null) {
        v.warnings.add(v.error(cp, Values.show(cp, "params", raw) + ": -u (--update) is "
            + "dropped: it skips files whose target copy is newer, so a file renamed onto an "
            + "older name never reached the mirror (docs/configuration.md)").getMessage());
      }
      return stripped.words();
    } catch (IllegalArgumentException e) {
      throw v.error(cp, Values.show(cp, "params", raw) + ": " + e.getMessage());
    }
  }
}
