package org.syncspool.watch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * An {@link EventSink} for tests: keeps a copy of every batch (cheap on the watcher thread: one
 * array copy per batch) and decodes them on demand.
 */
public final class RecordingSink implements EventSink {
  /** One journaled event; {@code path} is exactly the bytes in the record. */
  public record Event(EventKind kind, boolean dir, int root, int cookie, byte[] path) {
    public String pathString() {
      return new String(path, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return kind + (dir ? "/dir" : "") + "@" + root + ":" + pathString();
    }
  }

  private final List<byte[]> batches = new CopyOnWriteArrayList<>();

  @Override
  public void accept(EventBatch batch) {
    batches.add(Arrays.copyOf(batch.bytes(), batch.size()));
  }

  public int batchCount() {
    return batches.size();
  }

  public List<Event> events() {
    List<Event> out = new ArrayList<>();
    EventBatch b = new EventBatch(16);
    for (byte[] raw : batches) {
      b.load(raw, 0, raw.length);
      b.forEach((kind, dir, root, cookie, path, off, len) ->
          out.add(new Event(kind, dir, root, cookie, Arrays.copyOfRange(path, off, off + len))));
    }
    return out;
  }

  /** "KIND path" or "KIND/dir path" per event, for readable assertions. */
  public List<String> lines() {
    return events().stream()
        .map(e -> e.kind() + (e.dir() ? "/dir " : " ") + e.pathString())
        .collect(Collectors.toList());
  }

  public void clear() {
    batches.clear();
  }
}
