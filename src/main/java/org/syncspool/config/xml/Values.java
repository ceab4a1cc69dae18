package org.syncspool.config.xml;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.syncspool.config.ConfigException;
import org.syncspool.config.FileChecks;

/**
 * What the semantic pass needs at hand: the file name and outline for messages, the file checks,
 * and the INFO notes and WARN lines (each already located) to log once the whole file is valid. Converts raw attribute strings,
 * reporting a bad one at its element as {@code <element attr="value">: what would be right}.
 */
final class Values {
  final Path file;
  final FileChecks checks;
  final List<String> notes = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  private final XmlOutline outline;

  Values(Path file, FileChecks checks, XmlOutline outline) {
    this.file = file;
    this.checks = checks;
    this.outline = outline;
  }

  ConfigException error(Located at, String problem) {
    XmlOutline.Tag tag = outline.locate(at.element, at.line, at.column);
    return tag != null
        ? new ConfigException(file, tag.line(), tag.column(), problem)
        : new ConfigException(file, at.line, at.column, problem);
  }

  /** {@code <element attr="value">} for messages. */
  /**
   * A byte size: digits with an optional K, M, G or T (powers of 1024, either case), or
   * {@code off} (0); -1 when it is none of these or overflows.
   */
  static long byteSize(String value) {
    String t = value.strip();
    if (t.equalsIgnoreCase("off")) {
      return 0;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,19})([KkMmGgTt]?)")
        .matcher(t);
    if (!m.matches()) {
      return -1;
    }
    int shift = switch (m.group(2).toUpperCase(java.util.Locale.ROOT)) {
      case "K" -> 10;
      case "M" -> 20;
      case "G" -> 30;
      case "T" -> 40;
      default -> 0;
    };
    try {
      long n = Long.parseLong(m.group(1));
      return n > (Long.MAX_VALUE >> shift) ? -1 : n << shift;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String show(Located el, String attr, String value) {
    return "<" + el.element + " " + attr + "=\"" + value + "\">";
  }

  static String show(Located el) {
    return "<" + el.element + ">";
  }

  /** Exactly "true" or "false"; {@code dflt} when the attribute is absent. */
  boolean bool(Located el, String attr, String value, boolean dflt) throws ConfigException {
    if (value == null) {
      return dflt;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(el, show(el, attr, value) + ": must be \"true\" or \"false\"");
    };
  }

  /** A toggle's {@code start}: required, so {@code <ssh/>} is not silently read one way. */
  boolean start(Located el, String value) throws ConfigException {
    if (value == null) {
      throw error(el, show(el) + " has no start attribute; write start=\"true\" or start=\"false\"");
    }
    return bool(el, "start", value, false);
  }

  /** A whole number in [min, max]; {@code dflt} when absent. */
  long number(Located el, String attr, String value, long min, long max, long dflt)
      throws ConfigException {
    if (value == null) {
      return dflt;
    }
    String range = max >= Integer.MAX_VALUE ? "at least " + min : min + ".." + max;
    if (!value.matches("[0-9]{1,18}")) {
      throw error(el, show(el, attr, value) + ": not a whole number; expected " + range);
    }
    long n = Long.parseLong(value);
    if (n < min || n > max) {
      throw error(el, show(el, attr, value) + ": out of range; expected " + range);
    }
    return n;
  }

  int integer(Located el, String attr, String value, int min, int dflt) throws ConfigException {
    return (int) number(el, attr, value, min, Integer.MAX_VALUE, dflt);
  }

  int port(Located el, String attr, String value, int dflt) throws ConfigException {
    return (int) number(el, attr, value, 1, 65535, dflt);
  }

  /** A present, non-empty attribute. */
  String required(Located el, String attr, String value) throws ConfigException {
    if (value == null || value.isBlank()) {
      throw error(el, show(el) + " needs a non-empty " + attr + " attribute");
    }
    return value;
  }

  /** An absolute path, normalised (so a trailing slash and {@code /./} are dropped). */
  Path absolute(Located el, String attr, String value) throws ConfigException {
    required(el, attr, value);
    Path p;
    try {
      p = Path.of(value);
    } catch (InvalidPathException e) {
      throw error(el, show(el, attr, value) + ": not a valid path (" + e.getReason() + ")");
    }
    if (!p.isAbsolute()) {
      throw error(el, show(el, attr, value) + ": must be an absolute path (starting with /)");
    }
    return p.normalize();
  }

  /** rsync refuses a password file others can read (exit 5 / exit 1): say so at load time. */
  void checkPasswordFile(Located at, Path file) throws ConfigException {
    if (checks.isDirectory(file)) {
      throw error(at, "password file " + file + " is a directory, not a file");
    }
    if (checks.exists(file) && !checks.isRegularFile(file)) {
      throw error(at, "password file " + file + " is not a regular file (a device, FIFO or "
          + "socket)");
    }
    Set<PosixFilePermission> perms;
    try {
      perms = checks.permissions(file);
    } catch (NoSuchFileException e) {
      throw error(at, "password file " + file + " does not exist");
    } catch (IOException e) {
      throw error(at, "password file " + file + " cannot be examined: " + e.getMessage());
    } catch (UnsupportedOperationException e) {
      throw error(at, "password file " + file + " is on a file system without POSIX "
          + "permissions; rsync requires mode 600");
    }
    for (PosixFilePermission p : perms) {
      if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
        throw error(at, "password file " + file + " has mode " + octal(perms)
            + "; rsync requires 600 (chmod 600 " + file + ")");
      }
    }
    checkOwner(at, file);
  }

  /**
   * Owned by root or by the user syncspool runs as (issue 10 item 8): rsync running as root
   * refuses a password file root does not own, and a file another user owns is that user's to
   * change, or to swap for a link.
   */
  private void checkOwner(Located at, Path file) throws ConfigException {
    int owner;
    try {
      owner = checks.owner(file);
    } catch (IOException | RuntimeException e) {
      throw error(at, "password file " + file + " cannot be examined: " + e.getMessage());
    }
    int me = checks.uid();
    if (owner != 0 && owner != me) {
      throw error(at, "password file " + file + " is owned by uid " + owner + ", not by root"
          + (me > 0 ? " or uid " + me + " (this user)" : "") + "; rsync refuses it (chown "
          + (me > 0 ? me : "root") + " " + file + ")");
    }
  }

  static String octal(Set<PosixFilePermission> perms) {
    String rwx = PosixFilePermissions.toString(perms);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 9; i += 3) {
      int digit = (rwx.charAt(i) == 'r' ? 4 : 0) + (rwx.charAt(i + 1) == 'w' ? 2 : 0)
          + (rwx.charAt(i + 2) == 'x' ? 1 : 0);
      out.append(digit);
    }
    return out.toString();
  }
}
