package org.syncspool.config.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <commonParams params="...">}: split into argv words and refuse the options syncspool
 * sets itself. Pure; a problem is an {@link IllegalArgumentException} whose message names the
 * offending word (the caller adds the location).
 */
final class RsyncParams {
  private RsyncParams() {}

  /** sersync's default when {@code <commonParams>} is absent. */
  static final String DEFAULT = "-artuz";

  private static final String RELATIVE =
      "syncspool sends paths relative to the root itself";
  private static final String DELETE = "deletions follow <inotify><delete start=...>; syncspool "
      + "sends them itself";
  private static final String FILES_FROM =
      "syncspool feeds each batch through --files-from=- --from0 itself";
  private static final String RSH =
      "use <ssh start=\"true\"/> or <remote ssh=\"true\">; syncspool builds -e itself";

  /**
   * Old-style argument passing lets the remote shell split and expand the remote paths: a
   * directory renamed to {@code $(touch x)} ran that command on an ssh target (issue 10).
   */
  private static final String OLD_ARGS = "it makes the remote shell read file names as shell "
      + "words (docs/security.md)";

  /** Long options (without the dashes) that syncspool controls, and why. */
  private static final Map<String, String> FORBIDDEN_LONG = Map.ofEntries(
      Map.entry("relative", RELATIVE),
      Map.entry("del", DELETE),
      Map.entry("files-from", FILES_FROM),
      Map.entry("from0", FILES_FROM),
      Map.entry("rsh", RSH),
      Map.entry("password-file", "use <auth passwordfile=\"...\"> or <remote passwordfile>"),
      Map.entry("remove-source-files", "it would delete the watched source files"),
      Map.entry("remove-sent-files", "it would delete the watched source files"),
      Map.entry("ignore-missing-args", DELETE),
      Map.entry("server", "it is an internal rsync mode"),
      Map.entry("sender", "it is an internal rsync mode"),
      Map.entry("daemon", "it is an internal rsync mode"),
      Map.entry("old-args", OLD_ARGS),
      Map.entry("no-protect-args", OLD_ARGS),
      Map.entry("no-secluded-args", OLD_ARGS),
      Map.entry("no-s", OLD_ARGS));

  /** Short options that syncspool controls, as their long names (looked up above). */
  private static final Map<Character, String> FORBIDDEN_SHORT =
      Map.of('R', "relative", '0', "from0", 'e', "rsh");

  /** Short options that take a value: the rest of the bundle, or the next word, is the value. */
  private static final String SHORT_WITH_VALUE = "BfMT@";

  /** Long options that take a value (rsync 3.x man page); {@code --opt value} skips the value. */
  private static final Set<String> LONG_WITH_VALUE = Set.of(
      "exclude", "include", "exclude-from", "include-from", "filter", "bwlimit", "block-size",
      "backup-dir", "suffix", "chmod", "chown", "usermap", "groupmap", "compare-dest",
      "copy-dest", "link-dest", "compress-choice", "zc", "compress-level", "zl",
      "skip-compress", "checksum-choice", "cc", "checksum-seed", "temp-dir", "partial-dir",
      "max-delete", "max-size", "min-size", "max-alloc", "modify-window", "timeout",
      "contimeout", "port", "sockopts", "out-format", "log-file", "log-file-format",
      "rsync-path", "remote-option", "iconv", "stop-after", "stop-at", "write-batch",
      "only-write-batch", "read-batch", "protocol", "outbuf", "info", "debug", "address",
      "copy-as", "config", "dparam", "early-input");

  /** Whitespace-separated words; '...' and "..." group (no escapes inside). */
  static List<String> split(String params) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < params.length(); i++) {
      char c = params.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unterminated " + quote + " quote");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return List.copyOf(words);
  }

  /** Refuses a word that syncspool controls or that rsync would read as a source path. */
  static void check(List<String> words) {
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("--")) {
        throw bad(w, "ends rsync's options: what follows would be read as source paths");
      }
      if (!w.startsWith("-") || w.equals("-")) {
        throw bad(w, "is not an option (it does not start with '-'): rsync would take it "
            + "as a source path");
      }
      if (w.startsWith("--")) {
        int eq = w.indexOf('=');
        String name = eq < 0 ? w.substring(2) : w.substring(2, eq);
        String why = name.startsWith("delete") ? DELETE : FORBIDDEN_LONG.get(name);
        if (why != null) {
          throw bad(w, "is not allowed in commonParams: " + why);
        }
        if (eq < 0 && LONG_WITH_VALUE.contains(name)) {
          i++; // "--exclude '*.tmp'": the next word is the value, not a source
        }
        continue;
      }
      for (int j = 1; j < w.length(); j++) {
        char c = w.charAt(j);
        String longName = FORBIDDEN_SHORT.get(c);
        if (longName != null) {
          String what = w.length() > 2 ? "contains -" + c + " (--" + longName + "), which"
              : "(--" + longName + ")";
          throw bad(w, what + " is not allowed in commonParams: " + FORBIDDEN_LONG.get(longName));
        }
        if (SHORT_WITH_VALUE.indexOf(c) >= 0) {
          if (j == w.length() - 1) {
            i++; // "-T /tmp": the next word is the value
          }
          break; // "-T/tmp/R": the rest is the value, not more options
        }
      }
    }
  }

  /**
   * The words without -u/--update, and whether there was one. rsync -u skips a file whose target
   * copy is newer, and a watched tree makes that ordinary: {@code mv new old} onto a name whose
   * target copy was written later (it came from an earlier batch) leaves the target's content
   * for good, and so does a restored backup with old mtimes. sersync's default -artuz has it; a
   * mirror must not. Checked by hand with rsync 3.2.7 and 3.5.0, and by ChurnIT, which lost a
   * file this way under load.
   */
  static Stripped withoutUpdate(List<String> words) {
    List<String> kept = new ArrayList<>(words.size());
    boolean dropped = false;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.startsWith("--")) {
        int eq = w.indexOf('=');
        String name = eq < 0 ? w.substring(2) : w.substring(2, eq);
        if (name.equals("update")) {
          dropped = true;
          continue;
        }
        kept.add(w);
        if (eq < 0 && LONG_WITH_VALUE.contains(name) && i + 1 < words.size()) {
          kept.add(words.get(++i));
        }
        continue;
      }
      if (!w.startsWith("-") || w.equals("-")) {
        kept.add(w);
        continue;
      }
      StringBuilder bundle = new StringBuilder("-");
      boolean valueNext = false;
      for (int j = 1; j < w.length(); j++) {
        char c = w.charAt(j);
        if (SHORT_WITH_VALUE.indexOf(c) >= 0) {
          bundle.append(w, j, w.length()); // the rest is the value, kept as it is
          valueNext = j == w.length() - 1;
          break;
        }
        if (c == 'u') {
          dropped = true;
        } else {
          bundle.append(c);
        }
      }
      if (bundle.length() > 1) {
        kept.add(bundle.toString());
      }
      if (valueNext && i + 1 < words.size()) {
        kept.add(words.get(++i));
      }
    }
    return new Stripped(List.copyOf(kept), dropped);
  }

  /** {@link #withoutUpdate}'s answer. */
  record Stripped(List<String> words, boolean droppedUpdate) {}

  private static IllegalArgumentException bad(String word, String why) {
    return new IllegalArgumentException("'" + word + "' " + why + "; remove it");
  }
}
