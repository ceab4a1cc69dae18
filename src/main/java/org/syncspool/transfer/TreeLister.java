package org.syncspool.transfer;

import org.syncspool.batch.PathKey;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Walks part of a root and splits what it finds by the filter: rsync cannot evaluate our regexes,
 * so a run that must honour them is given explicit paths (included) or anchored exclude rules
 * (excluded). Paths are relative to the root; excluded directories are not descended into.
 */
public interface TreeLister {
  /** No filter: nothing is ever excluded, callers may send whole directories with {@code -r}. */
  TreeLister UNFILTERED = new TreeLister() {
    @Override
    public boolean filtered() {
      return false;
    }

    @Override
    public void walk(PathKey under, Consumer<byte[]> included, Consumer<byte[]> excluded) {
      throw new UnsupportedOperationException("nothing to split without a filter");
    }
  };

  /** True when the root has a filter, so recursive runs must not send whole directories blindly. */
  boolean filtered();

  /**
   * Reports every path strictly below {@code under} (the root when empty) to {@code included}
   * or {@code excluded}; {@code under} itself is reported to {@code excluded} if the filter
   * excludes it, and not at all otherwise.
   */
  void walk(PathKey under, Consumer<byte[]> included, Consumer<byte[]> excluded) throws IOException;
}
