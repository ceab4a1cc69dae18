package org.syncspool.hook;

import org.syncspool.text.PathEscape;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.syncspool.config.Hook;
import org.syncspool.config.Target;
import org.syncspool.text.PathEscape;
import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.worker.WorkerListener.BatchReport;

/**
 * The JSON document a hook reads on stdin. Field names are an interface (hooks parse them): add,
 * never rename.
 *
 * @param event      {@code batch}, {@code failure}, {@code parked}, {@code drift}, {@code recovered}
 * @param time       when it happened (ISO-8601, UTC)
 * @param target     the target's name, as in the logs and {@code status}
 * @param targetId   its stable id ({@code 0:10.0.0.2::www})
 * @param root       the watched directory
 * @param outcome    rsync's outcome class ({@code DONE}, {@code UNREACHABLE}, ...), null when no
 *                   rsync run is behind the event
 * @param exitCode   rsync's exit code, -1 when none
 * @param attempt    the batch's attempt, 0 when no batch
 * @param fullSync   the batch was a full sync
 * @param paths      the first {@link #MAX_PATHS} paths (at most {@link #MAX_PATH_CHARS}
 *                   characters in all), relative to the root, escaped as {@code journal} prints
 *                   them ({@code .} is the root; a directory sent with its subtree ends in
 *                   {@code /**})
 * @param pathCount  how many paths there were in all
 * @param bytes      bytes rsync sent (its {@code --stats}), -1 when unknown
 * @param lagMillis  from the oldest change in the batch being seen until now, 0 when unknown
 * @param reason     a short phrase: the state's reason, or the end of rsync's error output
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HookEvent(
    @JsonProperty("event") String event,
    @JsonProperty("time") String time,
    @JsonProperty("target") String target,
    @JsonProperty("targetId") String targetId,
    @JsonProperty("root") String root,
    @JsonProperty("outcome") String outcome,
    @JsonProperty("exitCode") int exitCode,
    @JsonProperty("attempt") int attempt,
    @JsonProperty("fullSync") boolean fullSync,
    @JsonProperty("paths") List<String> paths,
    @JsonProperty("pathCount") int pathCount,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("lagMillis") long lagMillis,
    @JsonProperty("reason") String reason) {

  /** At most this many paths are listed; {@code pathCount} says how many there were. */
  public static final int MAX_PATHS = 100;
  /** And at most this many characters of them, so the document fits a pipe's buffer. */
  public static final int MAX_PATH_CHARS = 16 * 1024;
  /** The end of rsync's error output kept in {@code reason}. */
  static final int MAX_REASON_CHARS = 500;

  private static final ObjectMapper JSON = new ObjectMapper();

  public HookEvent {
    paths = List.copyOf(paths);
  }

  /** What a batch attempt's report says, as event {@code kind}, at {@code nowMillis}. */
  public static HookEvent of(Hook.Kind kind, BatchReport r, String root, long nowMillis) {
    Batch b = r.batch();
    List<String> paths = new ArrayList<>();
    int[] chars = {0};
    b.subtrees().forEach(p -> add(paths, chars, p, "/**"));
    b.listings().forEach(p -> add(paths, chars, p, ""));
    b.flat().forEach(p -> add(paths, chars, p, ""));
    long oldest = b.oldestEventMillis();
    String reason = r.succeeded() ? null : tail(r.stderrTail());
    return new HookEvent(kind.attribute(), Instant.ofEpochMilli(nowMillis).toString(),
        r.target().name(), r.target().id(), root, r.outcome().name(), r.exitCode(), r.attempt(),
        b.fullSync(), paths, b.fullSync() ? 0 : b.size(), r.bytesSent(),
        oldest > 0 ? Math.max(0, r.endMillis() - oldest) : 0, reason);
  }

  /** A state change without a batch (unreachable, parked), as event {@code kind}. */
  public static HookEvent of(Hook.Kind kind, Target t, String root, String reason,
                             long lagMillis, long nowMillis) {
    return new HookEvent(kind.attribute(), Instant.ofEpochMilli(nowMillis).toString(), t.name(),
        t.id(), root, null, -1, 0, false, List.of(), 0, -1, lagMillis, tail(reason));
  }

  private static void add(List<String> paths, int[] chars, PathKey p, String suffix) {
    if (paths.size() >= MAX_PATHS) {
      return;
    }
    String s = p.isRoot() ? "." : PathEscape.escape(p.bytes(), 0, p.length()) + suffix;
    if (chars[0] + s.length() > MAX_PATH_CHARS) {
      return;
    }
    chars[0] += s.length();
    paths.add(s);
  }

  private static String tail(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String one = s.strip().replace('\n', ' ').replace('\r', ' ');
    return one.length() <= MAX_REASON_CHARS ? one : one.substring(one.length() - MAX_REASON_CHARS);
  }

  /** The document, one line of JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record of strings and numbers always serialises", e);
    }
  }
}
