package org.syncspool.verify;

import java.util.List;
import java.util.Map;
import org.syncspool.batch.PathKey;

/**
 * The report of {@code syncspool verify}, as text (a line per target, then per kind its count
 * and first paths, quoted by {@link PathText#quoted}) or JSON (every path, {@link
 * PathText#json}). Pure.
 */
public final class AuditReport {
  /** Paths shown per kind in the text form. */
  public static final int FIRST = 10;

  private AuditReport() {}

  public static String text(List<TargetAudit> audits) {
    StringBuilder sb = new StringBuilder();
    for (TargetAudit a : audits) {
      sb.append("target ").append(a.target()).append(": ");
      switch (a.outcome()) {
        case OK -> sb.append("OK");
        case DRIFT -> sb.append("DRIFT, ").append(a.driftCount()).append(" paths");
        case UNREACHABLE -> sb.append("UNREACHABLE: ").append(a.detail());
        case SKIPPED -> sb.append("SKIPPED: ").append(a.detail());
        case FAILED -> sb.append("FAILED: ").append(a.detail());
      }
      sb.append(" (").append(a.millis()).append(" ms");
      if (a.bytes() >= 0) {
        sb.append(", ").append(a.bytes()).append(" bytes");
      }
      sb.append(")\n");
      for (DriftKind k : DriftKind.values()) {
        List<PathKey> ps = a.drift().get(k);
        if (ps == null || ps.isEmpty()) {
          continue;
        }
        sb.append("  ").append(k.label()).append(": ").append(ps.size()).append('\n');
        for (PathKey p : ps.subList(0, Math.min(FIRST, ps.size()))) {
          sb.append("    ").append(PathText.quoted(p.bytes())).append('\n');
        }
        if (ps.size() > FIRST) {
          sb.append("    ... ").append(ps.size() - FIRST).append(" more (--json lists all)\n");
        }
      }
    }
    return sb.toString();
  }

  public static String json(List<TargetAudit> audits) {
    StringBuilder sb = new StringBuilder("{\"targets\":[");
    for (int i = 0; i < audits.size(); i++) {
      TargetAudit a = audits.get(i);
      sb.append(i > 0 ? "," : "").append("\n{\"target\":").append(PathText.json(a.target()))
          .append(",\"outcome\":\"").append(a.outcome().name().toLowerCase(java.util.Locale.ROOT))
          .append("\",\"detail\":").append(PathText.json(a.detail()))
          .append(",\"millis\":").append(a.millis())
          .append(",\"bytes\":").append(a.bytes())
          .append(",\"finished\":").append(a.finishedMillis())
          .append(",\"drift\":{");
      boolean first = true;
      for (Map.Entry<DriftKind, List<PathKey>> e : new java.util.TreeMap<>(a.drift()).entrySet()) {
        sb.append(first ? "" : ",").append("\n \"").append(e.getKey().label())
            .append("\":{\"count\":").append(e.getValue().size()).append(",\"paths\":[");
        first = false;
        for (int j = 0; j < e.getValue().size(); j++) {
          sb.append(j > 0 ? "," : "").append(PathText.json(e.getValue().get(j).bytes()));
        }
        sb.append("]}");
      }
      sb.append("}}");
    }
    return sb.append("\n]}\n").toString();
  }
}
