package org.syncspool.rsync;

import java.util.List;
import org.syncspool.config.Target;

/**
 * A target as rsync names it: the destination argument (a local directory, an
 * {@code rsync://} URL with IPv6 hosts bracketed, or {@code user@host:path}) and, for ssh
 * targets, the {@code -e} command with its words quoted the way rsync splits them. Pure.
 */
public final class TargetAddress {
  private TargetAddress() {
  }

  /**
   * The {@code -e} value for an ssh target, {@code sshOptions} as more {@code -o} options;
   * rsync splits it into words itself ({@link #rshWord}): no shell is involved.
   */
  public static String sshCommand(Target target, List<String> sshOptions) {
    StringBuilder sb = new StringBuilder("ssh");
    if (target.sshConfig() != null) {
      sb.append(" -F ").append(rshWord(target.sshConfig().toString()));
    }
    if (target.port() != null) {
      sb.append(" -p ").append(target.port());
    }
    // A daemon must never sit at a password prompt.
    sb.append(" -o BatchMode=yes");
    for (String o : sshOptions) {
      sb.append(" -o ").append(rshWord(o));
    }
    return sb.toString();
  }

  /**
   * One word of {@code -e}'s value as rsync splits it (main.c, do_cmd: words end at spaces
   * outside quotes; single quotes keep everything up to the next one literally): a word with a
   * space, quote or backslash is single-quoted, a single quote inside as {@code '"'"'}.
   */
  static String rshWord(String word) {
    if (!word.isEmpty() && word.chars().noneMatch(c -> c == ' ' || c == '\'' || c == '"'
        || c == '\\' || c == '\t')) {
      return word;
    }
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }

  /** The destination argument, ending in a slash. */
  public static String destination(Target target) {
    return switch (target.mode()) {
      case LOCAL -> slash(target.localPath().toString());
      case DAEMON -> "rsync://" + userAt(target) + hostForUrl(target)
          + (target.port() != null ? ":" + target.port() : "") + "/" + slash(target.module());
      case SSH -> userAt(target) + hostForSsh(target) + ":" + slash(target.module());
    };
  }

  private static String userAt(Target target) {
    return target.user() == null || target.user().isEmpty() ? "" : target.user() + "@";
  }

  private static String hostForUrl(Target target) {
    String h = target.host();
    return h.indexOf(':') >= 0 && !h.startsWith("[") ? "[" + h + "]" : h;
  }

  private static String hostForSsh(Target target) {
    return hostForUrl(target);
  }

  private static String slash(String s) {
    return s.endsWith("/") ? s : s + "/";
  }
}
