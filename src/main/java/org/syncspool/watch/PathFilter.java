package org.syncspool.watch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sersync's {@code <filter>}: a path is excluded when it, or any of its ancestor directories,
 * fully matches one of the regexes. Paths are relative to the root, without a leading slash, as
 * bytes; they are decoded as UTF-8 (malformed bytes become U+FFFD) only for matching, so a regex
 * cannot single out one invalid byte sequence but still sees the rest of the name.
 *
 * <p>Immutable and thread-safe. The root itself (empty path) is never excluded.
 */
public final class PathFilter {
  /** Excludes nothing, allocates nothing. */
  public static final PathFilter NONE = new PathFilter(List.of());

  private final Pattern[] patterns;
  private final List<String> regexes;

  /** @throws java.util.regex.PatternSyntaxException for an invalid regex */
  public PathFilter(List<String> regexes) {
    this.regexes = List.copyOf(regexes);
    this.patterns = this.regexes.stream().map(Pattern::compile).toArray(Pattern[]::new);
  }

  public static PathFilter of(String... regexes) {
    return new PathFilter(List.of(regexes));
  }

  public List<String> regexes() {
    return regexes;
  }

  public boolean isEmpty() {
    return patterns.length == 0;
  }

  /** True when {@code path[off, off+len)} or one of its ancestors fully matches a regex. */
  public boolean excluded(byte[] path, int off, int len) {
    if (patterns.length == 0 || len == 0) {
      return false;
    }
    return excluded(new String(path, off, len, StandardCharsets.UTF_8));
  }

  /**
   * The reader thread's check for a name inside a watched directory: a watched directory and its
   * ancestors are never excluded (excluded directories get no watch), so only the full path
   * itself needs matching; {@link #excluded} would also match every ancestor again, per event.
   */
  public boolean excludedInWatchedDir(byte[] path, int off, int len) {
    if (patterns.length == 0 || len == 0) {
      return false;
    }
    String s = new String(path, off, len, StandardCharsets.UTF_8);
    for (Pattern p : patterns) {
      if (p.matcher(s).matches()) {
        return true;
      }
    }
    return false;
  }

  public boolean excluded(byte[] path) {
    return excluded(path, 0, path.length);
  }

  /** Same rule for a path already decoded. */
  public boolean excluded(String path) {
    if (patterns.length == 0 || path.isEmpty()) {
      return false;
    }
    for (Pattern p : patterns) {
      Matcher m = p.matcher(path);
      // '/' (0x2F) never occurs inside a multi-byte UTF-8 sequence nor in a replacement, so the
      // ancestors of the decoded string are the decoded ancestors.
      for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
        if (i > 0 && m.region(0, i).matches()) {
          return true;
        }
      }
      if (m.region(0, path.length()).matches()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "PathFilter" + regexes;
  }
}
