package org.syncspool.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The whole effective configuration, validated and frozen by {@link ConfigLoader}.
 *
 * @param source      the file it was read from (for messages)
 * @param http        sersync's {@code <host hostip port>}: our metrics/status endpoint
 * @param debug       sersync's {@code <debug start>}: our loggers at DEBUG (per-batch detail)
 * @param excludes    {@code <filter start="true">} regexes (empty when the filter is off)
 * @param events      the {@code <inotify>} toggles
 * @param roots       one entry per {@code <localpath watch>}
 * @param failLog     sersync's {@code <failLog>} (acted on by the failover issue)
 * @param crontab     sersync's {@code <crontab>} (acted on by the failover issue)
 * @param engine      our {@code <syncspool>} block: state dir, batching, retry
 * @param changeLog   {@code <syncspool><changeLog>}, null when off (the default)
 * @param hooks       {@code <syncspool><hook>} elements, in file order
 * @param audit       {@code <syncspool><verify>}: scheduled audits, null when off (the default)
 */
public record Config(
    Path source,
    HttpEndpoint http,
    boolean debug,
    List<String> excludes,
    EventToggles events,
    List<Root> roots,
    FailLog failLog,
    Crontab crontab,
    Engine engine,
    ChangeLog changeLog,
    List<Hook> hooks,
    AuditSchedule audit) {

  public Config {
    hooks = List.copyOf(hooks);
    Objects.requireNonNull(http, "http");
    excludes = List.copyOf(excludes);
    Objects.requireNonNull(events, "events");
    roots = List.copyOf(roots);
    Objects.requireNonNull(engine, "engine");
  }

  /** Without a change list (the default). */
  public Config(Path source, HttpEndpoint http, boolean debug, List<String> excludes,
                EventToggles events, List<Root> roots, FailLog failLog, Crontab crontab,
                Engine engine) {
    this(source, http, debug, excludes, events, roots, failLog, crontab, engine, null);
  }

  /** Without hooks. */
  public Config(Path source, HttpEndpoint http, boolean debug, List<String> excludes,
                EventToggles events, List<Root> roots, FailLog failLog, Crontab crontab,
                Engine engine, ChangeLog changeLog) {
    this(source, http, debug, excludes, events, roots, failLog, crontab, engine, changeLog,
        List.of());
  }

  /** Without scheduled audits (the default). */
  public Config(Path source, HttpEndpoint http, boolean debug, List<String> excludes,
                EventToggles events, List<Root> roots, FailLog failLog, Crontab crontab,
                Engine engine, ChangeLog changeLog, List<Hook> hooks) {
    this(source, http, debug, excludes, events, roots, failLog, crontab, engine, changeLog,
        hooks, null);
  }

  /** A copy with another engine block (the {@code -n} option). */
  public Config withEngine(Engine e) {
    return new Config(source, http, debug, excludes, events, roots, failLog, crontab, e,
        changeLog, hooks, audit);
  }

  /** Every target of every root, in config order. */
  public List<Target> targets() {
    return roots.stream().flatMap(r -> r.targets().stream()).toList();
  }

  /** A copy with another state directory (the {@code --state-dir} option wins over the file). */
  public Config withStateDir(Path stateDir) {
    return withEngine(engine.withStateDir(stateDir));
  }
}
