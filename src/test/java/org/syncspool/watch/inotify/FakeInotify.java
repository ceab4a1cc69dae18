package org.syncspool.watch.inotify;

import static org.syncspool.watch.inotify.InotifyMask.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file system tree and one inotify instance in memory: the {@link WatchKernel} seam plus the
 * operations a user does (mkdir, create, rename, rm -r), each queueing the events the Linux
 * kernel queues for it, as {@code struct inotify_event} bytes. The queue is read by the test
 * whenever it likes, so the tree can run ahead of what the watcher has read: the race every
 * real watcher lives with. Like the kernel it has a watch limit ({@link #maxWatches}: ENOSPC)
 * and a queue that can overflow ({@link #overflowNow}). Names are ASCII; paths are relative to
 * {@link #ROOT}.
 */
final class FakeInotify implements WatchKernel {
  static final String ROOT = "/r";

  static final class Node {
    final boolean dir;
    final TreeMap<String, Node> children = new TreeMap<>();
    Node parent;
    String name;
    int wd = -1;

    Node(boolean dir) {
      this.dir = dir;
    }

    String path() {
      return parent == null ? "" : parent.parent == null ? name : parent.path() + "/" + name;
    }
  }

  final Node root = new Node(true);
  private final Map<Integer, Node> watches = new HashMap<>();
  private final List<byte[]> queue = new ArrayList<>();
  private int nextWd = 1;
  private int cookie = 1000;
  private int maxWatches = Integer.MAX_VALUE;
  /** The queue overflowed: events are dropped until it is read. */
  private boolean full;

  // --- WatchKernel ---

  @Override
  public int addWatch(byte[] dir) {
    Node n = resolve(new String(dir, StandardCharsets.ISO_8859_1));
    if (n == null) {
      return -ENOENT;
    }
    if (!n.dir) {
      return -ENOTDIR;
    }
    if (n.wd < 0) {
      if (watches.size() >= maxWatches) {
        return -ENOSPC; // fs.inotify.max_user_watches
      }
      n.wd = nextWd++;
      watches.put(n.wd, n);
    }
    return n.wd;
  }

  @Override
  public void removeWatch(int wd) {
    Node n = watches.remove(wd);
    if (n != null) {
      n.wd = -1;
      event(wd, IN_IGNORED, 0, "");
    }
  }

  @Override
  public void listSubdirs(byte[] dir, NameVisitor visitor) throws NoSuchFileException {
    String p = new String(dir, StandardCharsets.ISO_8859_1);
    Node n = resolve(p);
    if (n == null || !n.dir) {
      throw new NoSuchFileException(p);
    }
    for (Node c : List.copyOf(n.children.values())) {
      if (c.dir) {
        byte[] name = c.name.getBytes(StandardCharsets.ISO_8859_1);
        visitor.name(name, 0, name.length);
      }
    }
  }

  @Override
  public String describe(int errno) {
    return "errno " + errno;
  }

  // --- what a user does (paths relative to ROOT) ---

  /** mkdir; false when the parent is missing or the name taken. */
  boolean mkdir(String path) {
    return add(path, new Node(true));
  }

  /** Creates a file and closes it (CREATE, CLOSE_WRITE). */
  boolean create(String path) {
    boolean ok = add(path, new Node(false));
    if (ok) {
      Node n = node(path);
      if (n.parent.wd >= 0) {
        event(n.parent.wd, IN_CLOSE_WRITE, 0, n.name);
      }
    }
    return ok;
  }

  /** Writes to an existing file (CLOSE_WRITE in its directory). */
  boolean write(String path) {
    Node n = node(path);
    if (n == null || n.dir) {
      return false;
    }
    if (n.parent.wd >= 0) {
      event(n.parent.wd, IN_MODIFY, 0, n.name);
      event(n.parent.wd, IN_CLOSE_WRITE, 0, n.name);
    }
    return true;
  }

  /**
   * rename(2) with its rules: a directory never into itself, onto an existing name only when the
   * types agree and a directory there is empty (which then dies: DELETE_SELF, IGNORED).
   */
  boolean rename(String from, String to) {
    Node n = node(from);
    Node dstParent = node(parentOf(to));
    if (n == null || n.parent == null || dstParent == null || !dstParent.dir) {
      return false;
    }
    if (to.equals(from) || (n.dir && (to + "/").startsWith(from + "/"))) {
      return false;
    }
    String newName = nameOf(to);
    Node old = dstParent.children.get(newName);
    if (old != null && (old.dir != n.dir || (old.dir && !old.children.isEmpty()))) {
      return false;
    }
    int c = ++cookie;
    int isdir = n.dir ? IN_ISDIR : 0;
    if (n.parent.wd >= 0) {
      event(n.parent.wd, IN_MOVED_FROM | isdir, c, n.name);
    }
    if (dstParent.wd >= 0) {
      event(dstParent.wd, IN_MOVED_TO | isdir, c, newName);
    }
    if (old != null) {
      die(old);
    }
    if (n.wd >= 0) {
      event(n.wd, IN_MOVE_SELF, 0, "");
    }
    n.parent.children.remove(n.name);
    n.name = newName;
    n.parent = dstParent;
    dstParent.children.put(newName, n);
    return true;
  }

  /** rm -r: children first, as rm does. */
  boolean remove(String path) {
    Node n = node(path);
    if (n == null || n.parent == null) {
      return false;
    }
    removeTree(n);
    return true;
  }

  private void removeTree(Node n) {
    for (Node c : List.copyOf(n.children.values())) {
      removeTree(c);
    }
    if (n.parent.wd >= 0) {
      event(n.parent.wd, IN_DELETE | (n.dir ? IN_ISDIR : 0), 0, n.name);
    }
    n.parent.children.remove(n.name);
    die(n);
  }

  private void die(Node n) {
    if (n.wd >= 0) {
      event(n.wd, IN_DELETE_SELF, 0, "");
      watches.remove(n.wd);
      event(n.wd, IN_IGNORED, 0, "");
      n.wd = -1;
    }
  }

  private boolean add(String path, Node n) {
    Node parent = node(parentOf(path));
    String name = nameOf(path);
    if (parent == null || !parent.dir || parent.children.containsKey(name)) {
      return false;
    }
    n.name = name;
    n.parent = parent;
    parent.children.put(name, n);
    if (parent.wd >= 0) {
      event(parent.wd, IN_CREATE | (n.dir ? IN_ISDIR : 0), 0, name);
    }
    return true;
  }

  // --- the limits ---

  /** fs.inotify.max_user_watches: a new watch past it fails with ENOSPC. */
  void maxWatches(int max) {
    maxWatches = max;
  }

  /**
   * The queue is full now, as the kernel's at max_queued_events: one IN_Q_OVERFLOW (wd -1, no
   * name) is queued and every event after it is lost, until the queue is read.
   */
  void overflowNow() {
    event(-1, IN_Q_OVERFLOW, 0, "");
    full = true;
  }

  // --- the queue ---

  int queued() {
    return queue.size();
  }

  /** The first {@code n} queued events as one read's bytes, taken off the queue. */
  byte[] read(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<byte[]> taken = queue.subList(0, Math.min(n, queue.size()));
    for (byte[] e : taken) {
      out.writeBytes(e);
    }
    taken.clear();
    full = false;
    return out.toByteArray();
  }

  private void event(int wd, int mask, int cookie, String name) {
    if (full) {
      return;
    }
    byte[] nb = name.getBytes(StandardCharsets.ISO_8859_1);
    int padded = nb.length == 0 ? 0 : (nb.length + 1 + 15) / 16 * 16;
    byte[] e = new byte[16 + padded];
    putInt(e, 0, wd);
    putInt(e, 4, mask);
    putInt(e, 8, cookie);
    putInt(e, 12, padded);
    System.arraycopy(nb, 0, e, 16, nb.length);
    queue.add(e);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >> 8);
    b[at + 2] = (byte) (v >> 16);
    b[at + 3] = (byte) (v >> 24);
  }

  // --- the tree ---

  /** Every directory under the root, root included, by path. */
  Map<String, Node> directories() {
    Map<String, Node> out = new TreeMap<>();
    collect(root, out);
    return out;
  }

  private static void collect(Node n, Map<String, Node> out) {
    if (n.dir) {
      out.put(n.path(), n);
      for (Node c : n.children.values()) {
        collect(c, out);
      }
    }
  }

  int watchCount() {
    return watches.size();
  }

  Node node(String rel) {
    if (rel.isEmpty()) {
      return root;
    }
    Node n = root;
    for (String part : rel.split("/")) {
      n = n.children.get(part);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  private Node resolve(String abs) {
    if (abs.equals(ROOT)) {
      return root;
    }
    if (!abs.startsWith(ROOT + "/")) {
      return null;
    }
    return node(abs.substring(ROOT.length() + 1));
  }

  static String parentOf(String path) {
    int i = path.lastIndexOf('/');
    return i < 0 ? "" : path.substring(0, i);
  }

  static String nameOf(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
