package org.syncspool.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random file-system churn on a source tree: create, write, append, truncate, rename of
 * files and directories, delete, rmdir, chmod, symlink, hard link. The same seed gives the same
 * operations. Tracks what exists (relative paths) so every operation is valid.
 *
 * <p>Known limit, not exercised: a write or chmod through one name of a hard-linked file
 * reaches the target under that name only (inotify reports the name used, and without -H the
 * target's copies are separate files); such files are only renamed or deleted here.
 */
final class Churn {
  private final Path root;
  private final Random random;
  private final List<Path> files = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>(List.of(Path.of("")));
  private final List<Path> links = new ArrayList<>();
  private final Set<Path> hardLinked = new HashSet<>();
  private int names;

  Churn(Path root, long seed) {
    this.root = root;
    this.random = new Random(seed);
  }

  void run(int operations) throws IOException {
    for (int i = 0; i < operations; i++) {
      step();
    }
  }

  private void step() throws IOException {
    int op = random.nextInt(100);
    if (dirs.size() < 5 || op < 8) {
      mkdir();
    } else if (files.size() < 20 || op < 30) {
      create(pick(dirs).resolve(name("f")));
    } else if (op < 42) {
      Path f = writable();
      if (f != null) {
        Files.write(abs(f), bytes(), StandardOpenOption.TRUNCATE_EXISTING);
      }
    } else if (op < 50) {
      Path f = writable();
      if (f != null) {
        Files.write(abs(f), bytes(), StandardOpenOption.APPEND);
      }
    } else if (op < 55) {
      Path f = writable();
      if (f != null) {
        try (var ch = java.nio.channels.FileChannel.open(abs(f), StandardOpenOption.WRITE)) {
          ch.truncate(ch.size() / 2);
        }
      }
    } else if (op < 63) {
      Path f = pick(files);
      Path to = pick(dirs).resolve(name("r"));
      Files.move(abs(f), abs(to));
      files.remove(f);
      files.add(to);
      if (hardLinked.remove(f)) {
        hardLinked.add(to);
      }
    } else if (op < 67) {
      renameDir();
    } else if (op < 75) {
      Path f = pick(files);
      Files.delete(abs(f));
      files.remove(f);
      hardLinked.remove(f);
    } else if (op < 78) {
      rmdir();
    } else if (op < 85) {
      Path f = writable();
      if (f != null) {
        String[] modes = {"rw-------", "rw-r--r--", "rwxr-xr-x", "rw-rw-r--"};
        Files.setPosixFilePermissions(abs(f),
            PosixFilePermissions.fromString(modes[random.nextInt(modes.length)]));
      }
    } else if (op < 91) {
      Path link = pick(dirs).resolve(name("l"));
      // Relative, sometimes dangling: rsync -l copies the link itself.
      Files.createSymbolicLink(abs(link), Path.of(random.nextBoolean() ? "missing" : "../x"));
      links.add(link);
    } else if (op < 95) {
      Path f = writable();
      if (f != null) {
        Path link = pick(dirs).resolve(name("h"));
        Files.createLink(abs(link), abs(f));
        files.add(link);
        hardLinked.add(link);
        hardLinked.add(f);
      }
    } else if (!links.isEmpty()) {
      Path l = pick(links);
      Files.delete(abs(l));
      links.remove(l);
    }
  }

  private void mkdir() throws IOException {
    Path d = pick(dirs).resolve(name("d"));
    Files.createDirectory(abs(d));
    dirs.add(d);
  }

  private void create(Path f) throws IOException {
    Files.write(abs(f), bytes());
    files.add(f);
  }

  private void renameDir() throws IOException {
    Path from = pick(dirs);
    if (from.toString().isEmpty()) {
      return;
    }
    Path parent = pick(dirs);
    if (parent.startsWith(from)) {
      return; // not into itself
    }
    Path to = parent.resolve(name("m"));
    Files.move(abs(from), abs(to));
    relocate(dirs, from, to);
    relocate(files, from, to);
    relocate(links, from, to);
    Set<Path> moved = new HashSet<>();
    for (Path p : hardLinked) {
      moved.add(p.startsWith(from) ? to.resolve(from.relativize(p)) : p);
    }
    hardLinked.clear();
    hardLinked.addAll(moved);
  }

  private void rmdir() throws IOException {
    Path d = pick(dirs);
    if (d.toString().isEmpty()) {
      return;
    }
    RecoveryIT.deleteTree(abs(d));
    dirs.removeIf(p -> p.startsWith(d));
    files.removeIf(p -> p.startsWith(d));
    links.removeIf(p -> p.startsWith(d));
    hardLinked.removeIf(p -> p.startsWith(d));
  }

  private static void relocate(List<Path> paths, Path from, Path to) {
    paths.replaceAll(p -> p.startsWith(from) ? to.resolve(from.relativize(p)) : p);
  }

  /** A regular file that is not hard-linked (see the class comment), or null. */
  private Path writable() {
    for (int tries = 0; tries < 10 && !files.isEmpty(); tries++) {
      Path f = pick(files);
      if (!hardLinked.contains(f)) {
        return f;
      }
    }
    return null;
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private String name(String prefix) {
    return prefix + (names++) + (random.nextInt(10) == 0 ? " ü" : "");
  }

  private byte[] bytes() {
    byte[] b = new byte[random.nextInt(2048)];
    random.nextBytes(b);
    return b;
  }

  private Path abs(Path rel) {
    return rel.toString().isEmpty() ? root : root.resolve(rel);
  }
}
