package org.syncspool.service;

import java.io.IOException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncspool.check.InotifyUsage;
import org.syncspool.config.Config;
import org.syncspool.config.WatcherKind;
import org.syncspool.journal.JournalWarmup;
import org.syncspool.time.Ticker;
import org.syncspool.watch.EventSink;
import org.syncspool.watch.PathFilter;
import org.syncspool.watch.Watcher;
import org.syncspool.watch.fanotify.FanotifyGroup;
import org.syncspool.watch.fanotify.FanotifyWatcher;
import org.syncspool.watch.fanotify.Unsupported;
import org.syncspool.watch.inotify.InotifyWatcher;

/**
 * Makes the watcher {@code <syncspool watcher>} asks for (docs/configuration.md): inotify;
 * fanotify, or exit 69 with the one line saying why it cannot work here; auto, fanotify when
 * every root supports it, else inotify, said in one INFO line. Returns it warmed up, not started.
 */
final class WatcherFactory {
  private static final Logger log = LoggerFactory.getLogger(WatcherFactory.class);

  private WatcherFactory() {}

  static Watcher create(Config config, PathFilter filter, EventSink sink, LongSupplier clock,
                        Ticker ticker)
      throws FatalException, IOException {
    WatcherKind kind = config.engine().watcher();
    if (kind != WatcherKind.INOTIFY) {
      FanotifyGroup group = null;
      String why = "";
      try {
        group = FanotifyGroup.open(FanotifyWatcher.realPaths(config.roots()),
            FanotifyWatcher.mask(config.events()));
      } catch (Unsupported e) {
        why = String.valueOf(e.getMessage());
      }
      if (group != null) {
        if (kind == WatcherKind.AUTO) {
          log.info("watcher: fanotify (auto): every root's file system takes a filesystem mark "
              + "here, so no per-directory watch is needed");
        }
        try {
          FanotifyWatcher w = new FanotifyWatcher(group, config.roots(), config.events(), filter,
              sink, clock);
          // Before the mark is read: a burst right after start must find the hot path compiled.
          JournalWarmup.run(config.engine().stateDir().resolve("tmp"), w::warmUp);
          return w;
        } catch (IOException | RuntimeException e) {
          group.close();
          throw e;
        }
      }
      if (kind == WatcherKind.FANOTIFY) {
        throw new FatalException(ExitCode.UNAVAILABLE, why);
      }
      log.info("watcher: inotify (auto): {}", why);
    }
    InotifyUsage.warnIfLow(config);
    InotifyWatcher w = new InotifyWatcher(config.roots(), config.events(), filter, sink, clock,
        ticker);
    // Before the first watch: a burst right after start must find the hot path compiled.
    JournalWarmup.run(config.engine().stateDir().resolve("tmp"), w::warmUp);
    return w;
  }
}
