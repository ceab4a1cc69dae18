package org.syncspool.config.xml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.syncspool.config.ConfigException;
import org.syncspool.config.Root;
import org.syncspool.config.Target;

/**
 * {@code <sersync><localpath watch><remote .../></localpath>} to {@link Root}s and
 * {@link Target}s: one root per localpath (ids in file order), the shared rsync settings merged
 * with each remote's overrides, and every check that needs the file system.
 */
final class RootsBuilder {
  private final Values v;
  private final RsyncShared shared;
  private final boolean delete;
  private final Set<String> targetIds = new HashSet<>();

  private RootsBuilder(Values v, RsyncShared shared, boolean delete) {
    this.v = v;
    this.shared = shared;
    this.delete = delete;
  }

  /** The {@code <syncspool>} element when it sets {@code keepVersions}, else null. */
  private Dto.Syncspool keepDefault;
  /** The {@code <syncspool>} element when it sets {@code bigFileLane}, else null. */
  private Dto.Syncspool laneDefault;

  static List<Root> build(Values v, Dto.Head head, RsyncShared shared, boolean delete)
      throws ConfigException {
    Dto.Sersync sersync = head.sersync;
    if (sersync == null || sersync.localpaths.isEmpty()) {
      throw v.error(sersync == null ? head : sersync,
          "no <sersync><localpath watch=\"...\"> element: nothing to watch");
    }
    RootsBuilder b = new RootsBuilder(v, shared, delete);
    b.keepDefault = head.syncspool != null && head.syncspool.keepVersions != null
        ? head.syncspool : null;
    b.laneDefault = head.syncspool != null && head.syncspool.bigFileLane != null
        ? head.syncspool : null;
    List<Root> roots = new ArrayList<>();
    for (Dto.Localpath lp : sersync.localpaths) {
      roots.add(b.root(roots, lp));
    }
    return roots;
  }

  private Root root(List<Root> earlier, Dto.Localpath lp) throws ConfigException {
    Path watch = v.absolute(lp, "watch", lp.watch);
    for (Root r : earlier) {
      if (r.watch().equals(watch) || watch.startsWith(r.watch()) || r.watch().startsWith(watch)) {
        String how = r.watch().equals(watch) ? "is the same as"
            : watch.startsWith(r.watch()) ? "is inside" : "contains";
        throw v.error(lp, "watch directory " + watch + " " + how + " " + r.watch() + " (root "
            + r.id() + "); roots must not overlap, each change would be replicated twice");
      }
    }
    if (!v.checks.isDirectory(watch)) {
      throw v.error(lp, "watch directory " + watch
          + (v.checks.exists(watch) ? " is not a directory" : " does not exist"));
    }
    if (lp.remotes.isEmpty()) {
      throw v.error(lp, "<localpath watch=\"" + lp.watch + "\"> has no <remote>: nowhere to "
          + "replicate to");
    }
    int id = earlier.size();
    List<Target> targets = new ArrayList<>();
    for (Dto.Remote remote : lp.remotes) {
      Target t = remote.path != null ? local(id, watch, remote) : network(id, remote);
      if (!targetIds.add(t.id())) {
        throw v.error(remote, "target " + t.name() + " is listed twice for watch directory "
            + watch);
      }
      targets.add(t);
    }
    return new Root(id, watch, targets);
  }

  /** Our extension {@code <remote path="/dir"/>}: rsync to a local directory. */
  private Target local(int rootId, Path watch, Dto.Remote r) throws ConfigException {
    if (r.ip != null || r.name != null) {
      throw v.error(r, "<remote> has both path and ip/name; use path=\"/dir\" for a local "
          + "target or ip+name for a remote one");
    }
    for (String[] a : new String[][] {{"port", r.port}, {"user", r.user},
        {"passwordfile", r.passwordfile}, {"ssh", r.ssh}, {"sshConfig", r.sshConfig}}) {
      if (a[1] != null) {
        throw v.error(r, Values.show(r, a[0], a[1]) + ": does not apply to a local target "
            + "(path=\"" + r.path + "\")");
      }
    }
    Path path = v.absolute(r, "path", r.path);
    if (path.equals(watch) || path.startsWith(watch)) {
      throw v.error(r, "local target " + path + (path.equals(watch) ? " is" : " is inside")
          + " its watch directory " + watch + ": every copy would be replicated again");
    }
    if (watch.startsWith(path)) {
      throw v.error(r, "local target " + path + " contains its watch directory " + watch
          + ": a full sync would overwrite the source");
    }
    if (v.checks.exists(path) && !v.checks.isDirectory(path)) {
      throw v.error(r, "local target " + path + " exists and is not a directory");
    }
    Path parent = path.getParent();
    if (parent != null && !v.checks.isDirectory(parent)) {
      throw v.error(r, "local target " + path + ": parent directory " + parent
          + " does not exist (rsync creates the target, not its parents)");
    }
    String name = path.toString();
    return new Target(rootId + ":" + name, name, rootId, Target.Mode.LOCAL, null, null, path,
        null, null, null, shared.params(), shared.timeoutSeconds(), delete, null, standby(r),
        keepVersions(r), bigFileLane(r));
  }

  /** sersync's {@code <remote ip name/>}: a daemon module, or with ssh a remote path. */
  private Target network(int rootId, Dto.Remote r) throws ConfigException {
    if (r.ip == null || r.name == null) {
      throw v.error(r, "<remote> needs ip and name (rsync daemon module, or remote path with "
          + "ssh), or path (local directory)");
    }
    String ip = v.required(r, "ip", r.ip);
    String module = v.required(r, "name", r.name);
    boolean ssh = v.bool(r, "ssh", r.ssh, shared.ssh());
    Integer port = r.port != null ? Integer.valueOf(v.port(r, "port", r.port, 0)) : shared.port();
    String user = r.user != null ? v.required(r, "user", r.user) : shared.user();
    Path passwordFile = null;
    if (r.passwordfile != null) {
      if (ssh) {
        throw v.error(r, Values.show(r, "passwordfile", r.passwordfile)
            + ": a password file is for rsync daemon targets, this remote uses ssh");
      }
      passwordFile = v.absolute(r, "passwordfile", r.passwordfile);
      v.checkPasswordFile(r, passwordFile);
    } else if (!ssh) {
      passwordFile = shared.passwordFile(); // checked when <auth> was read
    }
    Path sshConfig = null;
    if (r.sshConfig != null) {
      if (!ssh) {
        throw v.error(r, Values.show(r, "sshConfig", r.sshConfig)
            + ": an ssh configuration file is for ssh targets, this remote is an rsync daemon");
      }
      sshConfig = v.absolute(r, "sshConfig", r.sshConfig);
      if (!v.checks.exists(sshConfig)) {
        throw v.error(r, Values.show(r, "sshConfig", r.sshConfig) + ": no such file");
      }
    }
    String name = ssh ? ip + ":" + module : ip + "::" + module;
    return new Target(rootId + ":" + name, name, rootId,
        ssh ? Target.Mode.SSH : Target.Mode.DAEMON, ip, module, null, port, user, passwordFile,
        shared.params(), shared.timeoutSeconds(), delete, sshConfig, standby(r),
        keepVersions(r), bigFileLane(r));
  }

  /**
   * {@code <remote keepVersions>}, else {@code <syncspool keepVersions>}: a span (30d), or
   * {@code off}; 0 when off.
   */
  private long keepVersions(Dto.Remote r) throws ConfigException {
    if (r.keepVersions != null) {
      return span(r, r.keepVersions);
    }
    return keepDefault == null ? 0 : span(keepDefault, keepDefault.keepVersions);
  }

  private long span(Located el, String value) throws ConfigException {
    if (value.equals("off")) {
      return 0;
    }
    long ms = org.syncspool.config.Span.millis(value);
    if (ms < 0 || (ms > 0 && ms < 86_400_000L)) {
      throw v.error(el, Values.show(el, "keepVersions", value) + ": expected off or "
          + "a whole number of days or more (versions are kept in one folder per day): 30d, 90d");
    }
    return ms;
  }

  /**
   * {@code <remote bigFileLane>}, else {@code <syncspool bigFileLane>}, else 64M: a size, or
   * {@code 0}/{@code off}; 0 when off.
   */
  private long bigFileLane(Dto.Remote r) throws ConfigException {
    if (r.bigFileLane != null) {
      return size(r, r.bigFileLane);
    }
    return laneDefault == null ? Target.DEFAULT_BIG_FILE_LANE
        : size(laneDefault, laneDefault.bigFileLane);
  }

  private long size(Located el, String value) throws ConfigException {
    long bytes = Values.byteSize(value);
    if (bytes < 0) {
      throw v.error(el, Values.show(el, "bigFileLane", value) + ": expected off, 0 or a size in "
          + "bytes with an optional K, M, G or T (powers of 1024): 64M, 1G");
    }
    return bytes;
  }

  /** {@code <remote standby>}: a standby rsync for this target, on unless "false". */
  private boolean standby(Dto.Remote r) throws ConfigException {
    return v.bool(r, "standby", r.standby, true);
  }
}
