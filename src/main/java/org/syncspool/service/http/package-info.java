/**
 * The daemon's HTTP endpoint on sersync's {@code <host hostip port>} (default 127.0.0.1:8008):
 * {@code /metrics} (Prometheus), {@code /status} (JSON), {@code /healthz}, and the control
 * requests behind {@code syncspool flush} and {@code full-sync}. The JDK's own HTTP server: a
 * handful of requests a minute needs nothing more.
 */
@NullMarked
package org.syncspool.service.http;

import org.jspecify.annotations.NullMarked;
