/**
 * Telling systemd we are ready ({@code Type=notify}): sd_notify(3)'s protocol, a datagram on the
 * AF_UNIX socket named by {@code $NOTIFY_SOCKET}. Java 17's NIO has no AF_UNIX datagrams, so this
 * leaf package binds socket(2)/sendto(2) with jnr-ffi; like {@code watch.inotify} it decides
 * nothing.
 */
@NullMarked
package org.syncspool.service.systemd;

import org.jspecify.annotations.NullMarked;
