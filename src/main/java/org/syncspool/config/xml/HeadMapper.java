package org.syncspool.config.xml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.syncspool.config.AuditSchedule;
import org.syncspool.config.ChangeLog;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigException;
import org.syncspool.config.Crontab;
import org.syncspool.config.Engine;
import org.syncspool.config.EventToggles;
import org.syncspool.config.FailLog;
import org.syncspool.config.HttpEndpoint;
import org.syncspool.config.Root;

/**
 * The semantic pass: {@link Dto.Head} to a validated {@link Config}, defaults filled in. Things
 * accepted for sersync compatibility but not acted on are collected in {@link Values#notes}.
 */
final class HeadMapper {
  private HeadMapper() {}

  static Config map(Values v, Dto.Head head) throws ConfigException {
    HttpEndpoint http = http(v, head.host);
    boolean debug = head.debug != null && v.start(head.debug, head.debug.start);
    if (head.fileSystem != null) {
      boolean xfs = v.bool(head.fileSystem, "xfs", head.fileSystem.xfs, false);
      v.notes.add("<fileSystem xfs=\"" + xfs + "\"> is accepted for sersync compatibility "
          + "and has no effect");
    }
    List<String> excludes = regexes(v, head.filter);
    EventToggles events = events(v, head.inotify);
    if (!events.createFile()) {
      v.notes.add("<createFile start=\"false\">: new symbolic links and hard links produce no "
          + "close_write event, so only full syncs copy them");
    }
    Dto.Sersync sersync = head.sersync;
    RsyncShared shared = RsyncShared.read(v, sersync == null ? null : sersync.rsync);
    List<Root> roots = RootsBuilder.build(v, head, shared, events.delete());
    FailLog failLog = failLog(v, sersync.failLog);
    Crontab crontab = crontab(v, sersync.crontab);
    Engine engine = EngineReader.read(v, head.syncspool);
    pluginNotes(v, head, sersync.plugin);
    ChangeLog changeLog = ChangeLogReader.read(v, head.syncspool == null ? null
        : head.syncspool.changeLog);
    List<org.syncspool.config.Hook> hooks = HookReader.read(v,
        head.syncspool == null ? List.of() : head.syncspool.hooks);
    AuditSchedule audit = AuditReader.read(v, head.syncspool == null ? null
        : head.syncspool.verify);
    return new Config(v.file, http, debug, excludes, events, roots, failLog, crontab, engine,
        changeLog, hooks, audit);
  }

  private static HttpEndpoint http(Values v, Dto.Host host) throws ConfigException {
    if (host == null) {
      return HttpEndpoint.DEFAULT;
    }
    String ip = host.hostip == null ? HttpEndpoint.DEFAULT.host()
        : v.required(host, "hostip", host.hostip);
    return new HttpEndpoint(ip, v.port(host, "port", host.port, HttpEndpoint.DEFAULT.port()));
  }

  /** {@code <filter start="true">} excludes: Java regexes, compiled here so errors show now. */
  private static List<String> regexes(Values v, Dto.Filter filter) throws ConfigException {
    if (filter == null || !v.start(filter, filter.start)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Dto.Exclude ex : filter.excludes) {
      String re = v.required(ex, "expression", ex.expression);
      try {
        Pattern.compile(re);
      } catch (PatternSyntaxException e) {
        throw v.error(ex, Values.show(ex, "expression", re) + ": not a valid Java regex: "
            + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
      }
      out.add(re);
    }
    return out;
  }

  private static EventToggles events(Values v, Dto.Inotify in) throws ConfigException {
    EventToggles d = EventToggles.DEFAULT;
    if (in == null) {
      return d;
    }
    return new EventToggles(
        toggle(v, in.delete, d.delete()),
        toggle(v, in.createFolder, d.createFolder()),
        toggle(v, in.createFile, d.createFile()),
        toggle(v, in.closeWrite, d.closeWrite()),
        toggle(v, in.moveFrom, d.moveFrom()),
        toggle(v, in.moveTo, d.moveTo()),
        toggle(v, in.attrib, d.attrib()),
        toggle(v, in.modify, d.modify()));
  }

  private static boolean toggle(Values v, Dto.Start el, boolean dflt) throws ConfigException {
    return el == null ? dflt : v.start(el, el.start);
  }

  private static FailLog failLog(Values v, Dto.FailLog fl) throws ConfigException {
    if (fl == null) {
      return null;
    }
    Path path = v.absolute(fl, "path", fl.path);
    int minutes = v.integer(fl, "timeToExecute", fl.timeToExecute, 1, 60);
    if (path.startsWith("/tmp/") || path.startsWith("/var/tmp/")) {
      v.notes.add("<failLog path=\"" + path + "\">: failed lists in a temporary directory may be "
          + "cleaned away (on reboot); a path under /var/lib/syncspool keeps them");
    }
    return new FailLog(path, minutes);
  }

  private static Crontab crontab(Values v, Dto.Crontab c) throws ConfigException {
    if (c == null) {
      return Crontab.OFF;
    }
    if (!v.start(c, c.start)) {
      v.notes.add("<crontab start=\"false\"> is accepted (full syncs are not scheduled)");
      return Crontab.OFF;
    }
    int minutes = v.integer(c, "schedule", c.schedule, 1, Crontab.OFF.scheduleMinutes());
    List<String> globs = new ArrayList<>();
    Dto.Filter f = c.crontabfilter;
    if (f != null && v.start(f, f.start)) {
      for (Dto.Exclude ex : f.excludes) {
        globs.add(v.required(ex, "expression", ex.expression)); // rsync globs, not regexes
      }
    }
    return new Crontab(true, minutes, globs);
  }

  /** One line for all plugins; never their content (it may hold CDN passwords). */
  private static void pluginNotes(Values v, Dto.Head head, Dto.PluginRef ref)
      throws ConfigException {
    if (ref != null) {
      boolean on = v.start(ref, ref.start);
      if (on) {
        v.required(ref, "name", ref.name);
      }
    }
    if (head.plugins.isEmpty() && ref == null) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (Dto.Plugin p : head.plugins) {
      names.add(p.name == null ? "(unnamed)" : p.name);
    }
    v.notes.add(head.plugins.size() + " <plugin> element(s) " + names
        + " accepted and ignored: syncspool never runs sersync plugins");
  }
}
