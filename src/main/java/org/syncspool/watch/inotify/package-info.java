/**
 * The inotify watcher. Native leaf parts, which bind libc and decide nothing: jnr-ffi bindings
 * ({@code LibC}, {@code Native}), the constants ({@code InotifyMask}) and byte-path file calls
 * ({@code NativeFs}). On top of them: the pure record decoder ({@code InotifyDecoder}), the watch
 * bookkeeping ({@code Watches}, {@code WatchTable}: one watch per directory and its wd -> path
 * table), {@code EventTranslator} (kernel events to journal events) and {@code InotifyWatcher}
 * (the reader thread). The rules they follow are docs/architecture.md, Event rules; the journal
 * and the workers decide everything else. The daemon's other native leaf is
 * {@code service.systemd}.
 */
package org.syncspool.watch.inotify;
