package org.syncspool.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One rsync destination of one root, with the shared {@code <rsync>} settings already merged
 * with the per-remote overrides.
 *
 * @param id            stable, unique over the whole config: {@code rootId + ":" + name}; names the
 *                      journal cursor, so it must not change when unrelated config lines change
 * @param name          for people: {@code /mirror} (local), {@code host::module} (daemon),
 *                      {@code host:path} (ssh)
 * @param rootId        the {@link Root#id()} this target belongs to
 * @param mode          local directory, rsync daemon, or ssh
 * @param host          daemon/ssh host, null for local
 * @param module        daemon module or ssh remote path, null for local
 * @param localPath     local target directory, null otherwise
 * @param port          daemon or ssh port, null = rsync's/ssh's default
 * @param user          rsync daemon user or ssh login, null = none
 * @param passwordFile  daemon password file (mode 600 checked at load), null = none
 * @param params        commonParams split into argv words (validated: no -R, --delete*, -e ...)
 * @param timeoutSeconds rsync {@code --timeout}, null = none
 * @param delete        propagate deletions ({@code <inotify><delete start>})
 * @param sshConfig     ssh targets: an ssh client configuration file ({@code ssh -F}), read
 *                      instead of ~/.ssh/config and /etc/ssh/ssh_config; null = ssh's own
 * @param standby       keep one rsync started ahead, connected and waiting for its file list
 *                      (docs/performance.md, "Standby rsync"); {@code <remote standby="false">}
 *                      turns it off
 * @param keepVersionsMillis {@code keepVersions}: how long overwritten and deleted files are
 *                      kept on the target under {@code .syncspool-versions/DATE/}; 0 = off
 * @param bigFileLaneBytes {@code bigFileLane}: a regular file above this many bytes goes through
 *                      a second rsync process of the target's own, so small files keep arriving
 *                      while it transfers (docs/architecture.md, Two lanes); 0 = off
 */
public record Target(
    String id,
    String name,
    int rootId,
    Mode mode,
    String host,
    String module,
    Path localPath,
    Integer port,
    String user,
    Path passwordFile,
    List<String> params,
    Integer timeoutSeconds,
    boolean delete,
    Path sshConfig,
    boolean standby,
    long keepVersionsMillis,
    long bigFileLaneBytes) {

  public enum Mode { LOCAL, DAEMON, SSH }

  public Target {
    params = List.copyOf(params);
  }

  /** The default big-file lane threshold (issue 12): 64 MiB. */
  public static final long DEFAULT_BIG_FILE_LANE = 64L << 20;

  /** With the default big-file lane, as a config that does not set {@code bigFileLane}. */
  public Target(String id, String name, int rootId, Mode mode, String host, String module,
                Path localPath, Integer port, String user, Path passwordFile, List<String> params,
                Integer timeoutSeconds, boolean delete, Path sshConfig, boolean standby,
                long keepVersionsMillis) {
    this(id, name, rootId, mode, host, module, localPath, port, user, passwordFile, params,
        timeoutSeconds, delete, sshConfig, standby, keepVersionsMillis, DEFAULT_BIG_FILE_LANE);
  }

  /** Without versions kept on the target. */
  public Target(String id, String name, int rootId, Mode mode, String host, String module,
                Path localPath, Integer port, String user, Path passwordFile, List<String> params,
                Integer timeoutSeconds, boolean delete, Path sshConfig, boolean standby) {
    this(id, name, rootId, mode, host, module, localPath, port, user, passwordFile, params,
        timeoutSeconds, delete, sshConfig, standby, 0);
  }

  /** A target with ssh's own configuration and a standby rsync. */
  public Target(String id, String name, int rootId, Mode mode, String host, String module,
                Path localPath, Integer port, String user, Path passwordFile, List<String> params,
                Integer timeoutSeconds, boolean delete) {
    this(id, name, rootId, mode, host, module, localPath, port, user, passwordFile, params,
        timeoutSeconds, delete, null, true);
  }
}
