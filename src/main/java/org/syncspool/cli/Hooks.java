package org.syncspool.cli;

import java.util.HashMap;
import java.util.Map;
import org.syncspool.config.Config;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.hook.HookDispatcher;
import org.syncspool.hook.HookRunner;
import org.syncspool.metrics.SyncMetrics;

/** The daemon's hooks, from the config: what {@code run} and {@code hooks test} share. */
final class Hooks {
  private Hooks() {}

  /** The dispatcher of the configured hooks, not started; null when there are none. */
  static HookDispatcher dispatcher(Config c) {
    if (c.hooks().isEmpty()) {
      return null;
    }
    return new HookDispatcher(c.hooks(), roots(c)::get, runner(c)::run, System::currentTimeMillis,
        HookDispatcher.QUEUE);
  }

  static HookRunner runner(Config c) {
    return new HookRunner(c.engine().stateDir().resolve("tmp"));
  }

  /** Each target's root directory, as hooks are told it. */
  static Map<Target, String> roots(Config c) {
    Map<Target, String> m = new HashMap<>();
    for (Root r : c.roots()) {
      for (Target t : r.targets()) {
        m.put(t, r.watch().toString());
      }
    }
    return m;
  }

  static void count(HookDispatcher h, SyncMetrics metrics) {
    metrics.counter("syncspool.hook.runs", "Hook runs finished", h::ran);
    metrics.counter("syncspool.hook.failures", "Hook runs that failed, timed out or did not start",
        h::failed);
    metrics.counter("syncspool.hook.dropped", "Hook events dropped: the hook queue was full",
        h::dropped);
  }
}
