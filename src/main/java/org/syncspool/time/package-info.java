/**
 * Time as a seam: a monotonic {@link org.syncspool.time.Ticker} for windows, backoffs and
 * deadlines (an NTP step moves none of them), and a {@link org.syncspool.time.Scheduler} that
 * starts our long-running threads and makes the {@link org.syncspool.time.Waiter}s they block
 * on. Production uses {@link org.syncspool.time.SystemScheduler}; tests use a fake one in which
 * time moves only when the test says so. Wall-clock time (for stamps only) is a plain
 * {@code LongSupplier} of epoch milliseconds. Nothing of ours interrupts a thread to wake it.
 */
package org.syncspool.time;
