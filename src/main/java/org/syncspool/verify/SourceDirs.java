package org.syncspool.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.syncspool.watch.PathFilter;

/**
 * {@link Partition.Dirs} on the source root: real directories only (a symbolic link is never
 * followed), none the filter excludes, sorted.
 */
public final class SourceDirs implements Partition.Dirs {
  private final Path root;
  private final PathFilter filter;

  public SourceDirs(Path root, PathFilter filter) {
    this.root = root;
    this.filter = filter;
  }

  @Override
  public List<String> of(String relative) throws IOException {
    List<String> out = new ArrayList<>();
    Path dir = relative.isEmpty() ? root : root.resolve(relative);
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        byte[] rel = (relative.isEmpty() ? name : relative + "/" + name)
            .getBytes(StandardCharsets.UTF_8);
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
            && !filter.excluded(rel, 0, rel.length)) {
          out.add(name);
        }
      }
    } catch (NoSuchFileException gone) {
      return List.of();
    }
    out.sort(null);
    return out;
  }
}
