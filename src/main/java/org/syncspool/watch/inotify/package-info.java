/**
 * The only native code (design.md sections 3 and 7.4): jnr-ffi bindings ({@code LibC}), the
 * constants ({@code InotifyMask}), byte-path file calls ({@code NativeFs}), the pure record
 * decoder ({@code InotifyDecoder}), and {@code InotifyWatcher}, which keeps one watch per
 * directory and its wd -> path table. It decodes and keeps watches; the journal and the workers
 * decide everything else.
 */
package org.syncspool.watch.inotify;
