/**
 * The fanotify watcher's native calls and nothing else: jnr-ffi bindings ({@code FanLibC}), the
 * constants of {@code <sys/fanotify.h>} and friends ({@code FanConst}) and thin wrappers that
 * return what the kernel returned ({@code Sys}). A leaf package: it decides nothing; what a
 * result means is for {@code org.syncspool.watch.fanotify}.
 */
package org.syncspool.watch.fanotify.sys;
