/**
 * Benchmark mains, not tests (nothing here runs under {@code mvn verify}): the P1-P7 workloads of
 * bench/run.sh and the shared parts they use ({@link org.syncspool.bench.BenchTargets}: a loopback
 * rsync daemon and a local target; {@link org.syncspool.bench.ChildProcess}: a daemon as its own
 * process, measured through /proc; {@link org.syncspool.bench.Report}: the table's rows).
 */
package org.syncspool.bench;
