package org.syncspool.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncspool.batch.PathKey;
import org.syncspool.watch.EventBatch;

/** One row per cell of the RepairEvents table. */
class RepairEventsTest {

  @ParameterizedTest(name = "{0} {1} dir={2} -> {3}")
  @CsvSource({
      "'',   MODE,          true,  RESCAN, true",
      "'',   SIZE_TIME,     true,  RESCAN, true",
      "d,    MODE,          true,  ATTRIB, true",
      "d,    OWNER,         true,  ATTRIB, true",
      "d,    MODE OWNER,    true,  ATTRIB, true",
      "d,    MISSING,       true,  RESCAN, true",
      "d,    TYPE,          true,  RESCAN, true",
      "d,    MODE TYPE,     true,  RESCAN, true",
      "f,    MODE,          false, RESCAN, false",
      "f,    CONTENT,       false, RESCAN, false",
      "f,    SIZE_TIME,     false, RESCAN, false",
      "f,    SYMLINK,       false, RESCAN, false",
      "f,    EXTRA,         false, RESCAN, false",
      "f,    TYPE,          false, RESCAN, false",
      "f,    MISSING,       false, RESCAN, false",
  })
  void cell(String path, String kinds, boolean sourceDir, String event, boolean dirFlag) {
    Set<DriftKind> k = EnumSet.noneOf(DriftKind.class);
    for (String s : kinds.split(" ")) {
      k.add(DriftKind.valueOf(s));
    }
    Map<PathKey, Set<DriftKind>> drift = new LinkedHashMap<>();
    drift.put(PathKey.of(path), k);
    EventBatch b = RepairEvents.of(3, drift, p -> sourceDir, 1234);
    List<String> seen = new ArrayList<>();
    b.forEach((kind, dir, root, cookie, bytes, off, len) -> seen.add(kind + " " + dir + " " + root
        + " '" + new String(bytes, off, len, StandardCharsets.UTF_8) + "'"));
    assertThat(seen).containsExactly(event + " " + dirFlag + " 3 '" + path + "'");
    assertThat(b.timeMillis()).isEqualTo(1234);
  }
}
