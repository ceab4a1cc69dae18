package org.syncspool.watch.fanotify;

/**
 * The effective capabilities of this process, from the {@code CapEff:} line of
 * {@code /proc/self/status}. Pure: the text comes from the caller.
 */
record Capabilities(long effective) {
  static final int CAP_DAC_READ_SEARCH = 2;
  static final int CAP_SYS_ADMIN = 21;

  /** @throws IllegalArgumentException when there is no readable CapEff line */
  static Capabilities parse(String status) {
    for (String line : status.lines().toList()) {
      if (line.startsWith("CapEff:")) {
        return new Capabilities(Long.parseUnsignedLong(line.substring(7).trim(), 16));
      }
    }
    throw new IllegalArgumentException("no CapEff line in /proc/self/status");
  }

  boolean has(int cap) {
    return (effective >>> cap & 1) != 0;
  }
}
