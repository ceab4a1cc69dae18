package org.syncspool.service.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.syncspool.config.Span;
import org.syncspool.service.Pauses;
import org.syncspool.worker.Pause;
import org.syncspool.worker.TargetWorker;

/**
 * {@code POST /pause?target=NAME&for=2h} and {@code POST /resume?target=NAME} (no target: all
 * of them); answers {@code {"paused"|"resumed": [names], "until": ...}}.
 */
final class PauseRequests {
  private PauseRequests() {}

  static void handle(HttpExchange h, boolean pause, List<TargetWorker> workers, Pauses pauses)
      throws IOException {
    if (pauses == null) {
      ControlServer.send(h, 404, "text/plain", "pausing is not available here\n");
      return;
    }
    Map<String, String> q = ControlServer.query(h.getRequestURI());
    String name = q.get("target");
    List<TargetWorker> chosen = workers.stream()
        .filter(w -> name == null || w.target().name().equals(name)
            || w.target().id().equals(name)).toList();
    if (chosen.isEmpty()) {
      ControlServer.send(h, 404, "application/json", ControlServer.JSON.writeValueAsString(
          Map.of("error", "no target named " + name, "targets",
              workers.stream().map(w -> w.target().name()).toList())) + "\n");
      return;
    }
    long until = Pause.FOREVER;
    String span = q.get("for");
    if (pause && span != null) {
      long millis = Span.millis(span);
      if (millis <= 0) {
        ControlServer.send(h, 400, "text/plain", "for=" + span + ": expected " + Span.FORMS
            + "\n");
        return;
      }
      until = System.currentTimeMillis() + millis;
    }
    for (TargetWorker w : chosen) {
      if (pause) {
        pauses.pause(w.target(), until);
      } else {
        pauses.resume(w.target());
      }
    }
    List<String> names = chosen.stream().map(w -> w.target().name()).toList();
    Map<String, Object> body = pause
        ? Map.of("paused", names, "until", until == Pause.FOREVER ? "resume"
            : java.time.Instant.ofEpochMilli(until).toString())
        : Map.of("resumed", names);
    ControlServer.send(h, 200, "application/json", ControlServer.JSON.writeValueAsString(body)
        + "\n");
  }
}
