package org.syncspool.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncspool.config.Target;
import org.syncspool.worker.CursorNames;
import org.syncspool.worker.Pause;

/**
 * Which targets are paused, durably: one file per paused target in {@code STATEDIR/paused/},
 * named like its cursor ({@code /} as {@code %2F}), holding {@code forever} or the epoch millis the pause ends at. So a
 * pause survives a restart (and a kill -9: the file is replaced by a rename); a timed pause
 * whose end passed while the daemon was down is over at the next start.
 */
public final class Pauses {
  private static final Logger log = LoggerFactory.getLogger(Pauses.class);
  private static final String FOREVER = "forever";
  /** Where the pause files are, under the state directory. */
  public static final String DIR = "paused";

  private final Path dir;
  private final LongSupplier clock;
  private final Map<String, Pause> byTarget = new ConcurrentHashMap<>();

  public Pauses(Path dir, LongSupplier clock) {
    this.dir = dir;
    this.clock = clock;
  }

  /** The pause of {@code t}, as the state directory has it: for the target's worker. */
  public Pause of(Target t) throws IOException {
    Pause p = byTarget.computeIfAbsent(t.id(), k -> new Pause(clock));
    long until = read(file(t));
    if (until != 0 && until <= clock.getAsLong()) {
      Files.deleteIfExists(file(t));
      until = 0;
    }
    if (until != 0) {
      log.info("target {}: paused {} (syncspool resume to go on)", t.name(), describe(until));
      p.until(until);
    }
    return p;
  }

  /** Pauses {@code t} until {@code untilMillis} ({@link Pause#FOREVER}), durably. */
  public void pause(Target t, long untilMillis) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(".tmp-" + file(t).getFileName());
    Files.writeString(tmp, untilMillis == Pause.FOREVER ? FOREVER : Long.toString(untilMillis),
        StandardCharsets.US_ASCII);
    Files.move(tmp, file(t), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    pause(t).until(untilMillis);
    log.info("target {}: paused {}; the journal keeps its changes until it is resumed", t.name(),
        describe(untilMillis));
  }

  public void resume(Target t) throws IOException {
    Files.deleteIfExists(file(t));
    if (pause(t).until() != 0) {
      log.info("target {}: resumed; catching up from its cursor", t.name());
    }
    pause(t).resume();
  }

  /** Until when {@code t} is paused (epoch millis, {@link Pause#FOREVER}), 0 when it is not. */
  public long until(Target t) {
    Pause p = byTarget.get(t.id());
    return p == null ? 0 : p.until();
  }

  private Pause pause(Target t) {
    return byTarget.computeIfAbsent(t.id(), k -> new Pause(clock));
  }

  /** The cursor's name with '/' escaped too (CursorNames escapes '%', so names stay distinct). */
  private Path file(Target t) {
    return file(dir, t);
  }

  private static Path file(Path dir, Target t) {
    return dir.resolve(CursorNames.of(t.id()).replace("/", "%2F"));
  }

  /**
   * How {@code check-config} reports {@code t}'s pause from the state directory, read-only (no
   * daemon needed, and an ended pause's file is left for the daemon to remove): "paused until
   * resumed", "paused until INSTANT", or null when it is not paused at {@code now}.
   */
  public static @Nullable String describeFromDisk(Path stateDir, Target t, long now)
      throws IOException {
    long until = read(file(stateDir.resolve(DIR), t));
    return until == 0 || until <= now ? null : "paused " + describe(until);
  }

  static String describe(long until) {
    return until == Pause.FOREVER ? "until resumed" : "until " + Instant.ofEpochMilli(until);
  }

  /** 0 when there is no (readable) pause file. */
  private static long read(Path f) throws IOException {
    String s;
    try {
      s = Files.readString(f, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException e) {
      return 0;
    }
    if (s.equals(FOREVER)) {
      return Pause.FOREVER;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      log.warn("{}: not a pause ({}); treating the target as paused until resumed", f, s);
      return Pause.FOREVER;
    }
  }
}
