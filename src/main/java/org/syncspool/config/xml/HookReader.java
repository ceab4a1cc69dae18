package org.syncspool.config.xml;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.syncspool.config.ConfigException;
import org.syncspool.config.Hook;
import org.syncspool.config.Span;

/** {@code <syncspool><hook on command args timeout/>} elements to {@link Hook}s. */
final class HookReader {
  private HookReader() {}

  /** A hook may run this long at most: it holds the one hook thread meanwhile. */
  static final long MAX_TIMEOUT_MILLIS = 3_600_000;

  static List<Hook> read(Values v, List<Dto.Hook> els) throws ConfigException {
    List<Hook> hooks = new ArrayList<>();
    for (Dto.Hook el : els) {
      hooks.add(one(v, el));
    }
    return hooks;
  }

  private static Hook one(Values v, Dto.Hook el) throws ConfigException {
    String on = v.required(el, "on", el.on);
    Hook.Kind kind = null;
    for (Hook.Kind k : Hook.Kind.values()) {
      if (k.attribute().equals(on)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw v.error(el, Values.show(el, "on", on)
          + ": expected batch, failure, parked, drift or recovered");
    }
    Path command = v.absolute(el, "command", el.command);
    Set<PosixFilePermission> perms;
    try {
      perms = v.checks.permissions(command);
    } catch (IOException e) {
      throw v.error(el, Values.show(el, "command", el.command) + ": no such program");
    }
    if (v.checks.isDirectory(command) || !(perms.contains(PosixFilePermission.OWNER_EXECUTE)
        || perms.contains(PosixFilePermission.GROUP_EXECUTE)
        || perms.contains(PosixFilePermission.OTHERS_EXECUTE))) {
      throw v.error(el, Values.show(el, "command", el.command) + ": not an executable file "
          + "(hooks run the program itself, never a shell: chmod +x it)");
    }
    List<String> args = el.args == null ? List.of() : RsyncParams.split(el.args);
    long timeout = Hook.DEFAULT_TIMEOUT_MILLIS;
    if (el.timeout != null) {
      timeout = Span.millis(el.timeout);
      if (timeout < 1 || timeout > MAX_TIMEOUT_MILLIS) {
        throw v.error(el, Values.show(el, "timeout", el.timeout) + ": expected " + Span.FORMS
            + ", at most 1h");
      }
    }
    return new Hook(kind, command, args, timeout);
  }
}
