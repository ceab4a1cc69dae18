package org.syncspool.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One watched tree: a {@code <localpath watch="...">} and the targets it replicates to.
 *
 * @param id      position in the file (0-based); journal records carry it
 * @param watch   absolute, normalised path of an existing directory
 * @param targets at least one
 */
public record Root(int id, Path watch, List<Target> targets) {
  public Root {
    targets = List.copyOf(targets);
  }
}
