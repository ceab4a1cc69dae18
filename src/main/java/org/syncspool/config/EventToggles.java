package org.syncspool.config;

/**
 * sersync's {@code <inotify>} toggles. Which kernel events reach the journal; the watcher always
 * subscribes to what it needs to keep its watches right (create and moves of directories).
 */
public record EventToggles(
    boolean delete,
    boolean createFolder,
    boolean createFile,
    boolean closeWrite,
    boolean moveFrom,
    boolean moveTo,
    boolean attrib,
    boolean modify) {

  /** Used when the file has no {@code <inotify>} element: everything but modify (close_write covers it). */
  public static final EventToggles DEFAULT =
      new EventToggles(true, true, true, true, true, true, true, false);
}
