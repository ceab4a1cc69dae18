package org.syncspool.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact comparison of a source tree and a mirror, independent of rsync: {@code diff -r
 * --no-dereference} for names (as bytes), contents and symlink targets, and {@code find -printf}
 * for types and permission bits.
 */
public final class TreeAssert {
  private TreeAssert() {}

  /** Throws AssertionError describing the first differences unless the trees are equal. */
  public static void assertMirrors(Path source, Path mirror) {
    Out diff = run(List.of("diff", "-r", "--no-dereference", source.toString(), mirror.toString()));
    if (diff.code != 0) {
      throw new AssertionError("mirror " + mirror + " differs from " + source + ":\n"
          + clip(diff.text()));
    }
    String a = listing(source);
    String b = listing(mirror);
    if (!a.equals(b)) {
      throw new AssertionError("types or modes differ:\nsource:\n" + clip(a) + "\nmirror:\n" + clip(b));
    }
  }

  private static String listing(Path dir) {
    Out find = run(List.of("find", dir.toString(), "-mindepth", "1", "-printf", "%P\\t%y\\t%m\\n"));
    if (find.code != 0) {
      throw new AssertionError("find " + dir + " failed: " + find.text());
    }
    String[] lines = find.text().split("\n");
    Arrays.sort(lines);
    return String.join("\n", lines);
  }

  private static String clip(String s) {
    return s.length() > 4000 ? s.substring(0, 4000) + "..." : s;
  }

  private record Out(int code, byte[] bytes) {
    String text() {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static Out run(List<String> argv) {
    try {
      Process p = new ProcessBuilder(new ArrayList<>(argv)).redirectErrorStream(true).start();
      p.getOutputStream().close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = p.getInputStream()) {
        in.transferTo(out);
      }
      return new Out(p.waitFor(), out.toByteArray());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
