package org.syncspool.sync;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Lists the paths of a root that the filter excludes, each relative to the root, without
 * descending into an excluded directory. A full sync turns them into anchored rsync exclude
 * rules, because rsync cannot evaluate our regexes itself.
 */
@FunctionalInterface
public interface ExclusionLister {
  ExclusionLister NONE = sink -> { };

  void forEach(Consumer<byte[]> sink) throws IOException;
}
