package org.syncspool.service.http;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Who may make the daemon work: the decision for one request, from what the request says (pure;
 * {@code ControlAuthTest} is its table). A {@code POST} is accepted when all of these hold:
 * <ol>
 *   <li>it comes from this host (loopback), so a LAN address for Prometheus lets no one in;
 *   <li>its {@code Host} names a loopback address or {@code localhost}: a web page that
 *       re-pointed its own host name at 127.0.0.1 (DNS rebinding) sends its own name;
 *   <li>an {@code Origin}, when there is one (browsers send it with every POST), is the same
 *       origin as the {@code Host}; {@code Sec-Fetch-Site}, when there is one, is
 *       {@code same-origin} or {@code none}: a page elsewhere cannot POST here;
 *   <li>{@code Authorization: Bearer TOKEN} (or {@code X-Syncspool-Token: TOKEN}) carries the
 *       {@link ControlToken} the daemon wrote to its state directory, readable only by its
 *       user: the CLI reads and sends it.
 * </ol>
 * A page the daemon serves may carry the token for its buttons (they send it as
 * {@code X-Syncspool-Token}, which a page elsewhere cannot add without a CORS preflight that is
 * never answered), but only in a response to a request that itself passed
 * {@link #refusal}: any local user can {@code GET}, so a page served to an anonymous {@code GET}
 * must not contain it.
 */
public final class ControlAuth {
  private ControlAuth() {}

  /** The request's facts that matter; header values null when absent. */
  public record Request(boolean loopbackPeer, @Nullable String host, @Nullable String origin,
                        @Nullable String fetchSite, @Nullable String authorization,
                        @Nullable String tokenHeader) {}

  /** Null when {@code r} may make the daemon work, else why not (the body of a 403). */
  public static @Nullable String refusal(Request r, ControlToken token) {
    if (!r.loopbackPeer()) {
      return "control requests are accepted from this host only";
    }
    if (r.host() == null || !loopbackHost(r.host())) {
      return "control requests must name this host as 127.0.0.1, [::1] or localhost";
    }
    if (r.origin() != null && !r.origin().equalsIgnoreCase("http://" + r.host())) {
      return "cross-origin control requests are refused";
    }
    if (r.fetchSite() != null && !r.fetchSite().equals("same-origin")
        && !r.fetchSite().equals("none")) {
      return "cross-site control requests are refused";
    }
    String presented = r.tokenHeader();
    if (presented == null && r.authorization() != null
        && r.authorization().regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = r.authorization().substring(7).strip();
    }
    if (!token.matches(presented)) {
      return presented == null
          ? "control requests need the token in the state directory (run syncspool as the "
            + "daemon's user)"
          : "wrong control token (the daemon writes a new one at every start)";
    }
    return null;
  }

  /** {@code host[:port]} where host is a loopback literal or localhost. */
  static boolean loopbackHost(String hostHeader) {
    String h = hostHeader.toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 && h.substring(1, end).equals("::1") && port(h.substring(end + 1));
    }
    int colon = h.lastIndexOf(':');
    String name = colon < 0 ? h : h.substring(0, colon);
    if (colon >= 0 && !port(h.substring(colon))) {
      return false;
    }
    return name.equals("localhost") || loopbackV4(name);
  }

  private static boolean port(String s) {
    return s.isEmpty() || s.matches(":[0-9]{1,5}");
  }

  private static boolean loopbackV4(String name) {
    String[] parts = name.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String p : parts) {
      if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
