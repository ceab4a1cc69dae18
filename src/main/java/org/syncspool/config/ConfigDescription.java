package org.syncspool.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code syncspool check-config}: every effective setting, defaults included, one per
 * line. Built from the records only, and the records never hold a secret: a password file is a
 * path, and sersync's {@code <plugin>} content (CDN passwords) is never read into them.
 */
final class ConfigDescription {
  private ConfigDescription() {}

  static String of(Config c) {
    List<String> out = new ArrayList<>();
    out.add("# syncspool effective configuration" + (c.source() == null ? "" : " from " + c.source()));
    line(out, 0, "http", c.http());
    line(out, 0, "debug", c.debug());
    if (c.excludes().isEmpty()) {
      line(out, 0, "excludes", "(none)");
    } else {
      line(out, 0, "excludes", c.excludes().size() + " regex(es), full match on the path "
          + "relative to the root");
      for (String ex : c.excludes()) {
        line(out, 1, "exclude", ex);
      }
    }
    EventToggles e = c.events();
    line(out, 0, "events", "delete=" + e.delete() + " createFolder=" + e.createFolder()
        + " createFile=" + e.createFile() + " closeWrite=" + e.closeWrite() + " moveFrom="
        + e.moveFrom() + " moveTo=" + e.moveTo() + " attrib=" + e.attrib() + " modify="
        + e.modify());
    for (Root r : c.roots()) {
      line(out, 0, "root " + r.id(), r.watch());
      for (Target t : r.targets()) {
        target(out, t);
      }
    }
    FailLog f = c.failLog();
    line(out, 0, "failLog", f == null ? "(none)"
        : f.path() + " (timeToExecute " + f.timeToExecuteMinutes() + " min)");
    Crontab cr = c.crontab();
    line(out, 0, "crontab", cr.enabled() ? "every " + cr.scheduleMinutes() + " min" : "off");
    for (String glob : cr.excludes()) {
      line(out, 1, "exclude", glob + "  (rsync glob)");
    }
    Engine g = c.engine();
    line(out, 0, "stateDir", g.stateDir());
    line(out, 0, "journalDir", g.journal() + (g.journalDir() == null ? "  (default)" : ""));
    line(out, 0, "quietMillis", g.quietMillis());
    line(out, 0, "maxDelayMillis", g.maxDelayMillis());
    line(out, 0, "maxBatchPaths", g.maxBatchPaths());
    line(out, 0, "retryInitialMillis", g.retryInitialMillis());
    line(out, 0, "retryMaxMillis", g.retryMaxMillis());
    line(out, 0, "batchAttempts", g.batchAttempts());
    line(out, 0, "fullSyncBacklog", g.fullSyncBacklog());
    line(out, 0, "retentionHours", g.retentionHours());
    line(out, 0, "parallel", g.parallel());
    line(out, 0, "watcher", g.watcher().text());
    ChangeLog cl = c.changeLog();
    line(out, 0, "changeLog", cl == null ? "off"
        : cl.path() + " (timeFormat \"" + cl.timeFormat() + "\")");
    AuditSchedule a = c.audit();
    line(out, 0, "verify", a == null ? "off" : "every " + AuditSchedule.show(a.every())
        + (a.checksum() ? ", by checksum" : "") + (a.repair() ? ", repairing" : ""));
    if (c.hooks().isEmpty()) {
      line(out, 0, "hooks", "none");
    }
    for (Hook h : c.hooks()) {
      line(out, 0, "hook", "on " + h.on().attribute() + ": " + String.join(" ", h.argv())
          + " (timeout " + Span.format(h.timeoutMillis()) + "; JSON event on stdin, no shell, "
          + "own thread)");
    }
    line(out, 0, "plugins", "never run (sersync <plugin> settings are not shown)");
    return String.join("\n", out) + "\n";
  }

  private static void target(List<String> out, Target t) {
    line(out, 1, "target", t.id());
    line(out, 2, "mode", t.mode().name().toLowerCase(java.util.Locale.ROOT));
    line(out, 2, "keepVersions", t.keepVersionsMillis() == 0 ? "off"
        : Span.format(t.keepVersionsMillis()) + " (overwritten and deleted files in "
        + ".syncspool-versions/YYYY-MM-DD/ on the target, UTC days)");
    line(out, 2, "bigFileLane", t.bigFileLaneBytes() == 0 ? "off"
        : bytes(t.bigFileLaneBytes()) + " (larger files go through a second rsync of their own)");
    if (t.mode() == Target.Mode.LOCAL) {
      line(out, 2, "path", t.localPath());
    } else {
      line(out, 2, "host", t.host());
      line(out, 2, t.mode() == Target.Mode.SSH ? "remotePath" : "module", t.module());
      line(out, 2, "port", t.port() == null ? "(default)" : t.port());
      line(out, 2, "user", t.user() == null ? "(none)" : t.user());
      if (t.mode() == Target.Mode.DAEMON) {
        line(out, 2, "passwordFile", t.passwordFile() == null ? "(none)" : t.passwordFile());
      }
    }
    line(out, 2, "params", t.params().isEmpty() ? "(none)" : quote(t.params()));
    line(out, 2, "timeout", t.timeoutSeconds() == null ? "(none)" : t.timeoutSeconds() + " s");
    line(out, 2, "delete", t.delete());
  }

  private static String quote(List<String> words) {
    List<String> q = new ArrayList<>();
    for (String w : words) {
      q.add(w.isEmpty() || w.matches(".*[\\s'\"].*") ? "'" + w.replace("'", "\"") + "'" : w);
    }
    return String.join(" ", q);
  }

  private static void line(List<String> out, int indent, String key, Object value) {
    String pad = "  ".repeat(indent);
    out.add(String.format("%-20s %s", pad + key, value));
  }

  /** {@code 64M} for 64 MiB: the largest unit that divides it (bigFileLane's own notation). */
  static String bytes(long n) {
    String[] units = {"T", "G", "M", "K"};
    for (int i = 0; i < units.length; i++) {
      int shift = 40 - 10 * i;
      if (n >= 1L << shift && n % (1L << shift) == 0) {
        return (n >> shift) + units[i];
      }
    }
    return Long.toString(n);
  }
}
