package org.syncspool.config.xml;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLStreamReader2;

/**
 * A first pass over the document with plain StAX: every start tag with its exact position and
 * attribute names. It checks well-formedness (so malformed XML is reported by the XML parser,
 * not by Jackson), that the root is {@code <head>}, and that no single-valued element is repeated
 * (Jackson would silently keep the last). Then it answers "where is this element" for errors:
 * Jackson's own positions are one token late for elements without attributes.
 */
final class XmlOutline {

  /** One start tag. {@code parent} is an index into the list, -1 for the root. */
  record Tag(int index, String name, int parent, int line, int column, List<String> attributes,
             boolean opaque) {
    boolean atOrBefore(int l, int c) {
      return line < l || (line == l && column <= c);
    }
  }

  /** Elements that may appear more than once under the same parent. */
  private static final Set<String> REPEATABLE = Set.of("localpath", "remote", "exclude", "plugin",
      "hook");

  private final List<Tag> tags;

  private XmlOutline(List<Tag> tags) {
    this.tags = tags;
  }

  /** Thrown for a problem found by the scan; the reader turns it into a ConfigException. */
  static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;

    Problem(int line, int column, String message) {
      super(message, null, false, false);
      this.line = line;
      this.column = column;
    }
  }

  static XmlOutline scan(XMLInputFactory factory, String xml) throws Problem {
    List<Tag> tags = new ArrayList<>();
    Deque<Integer> open = new ArrayDeque<>();
    XMLStreamReader r = null;
    try {
      r = factory.createXMLStreamReader(new StringReader(xml));
      while (r.hasNext()) {
        if (r.next() != XMLStreamConstants.START_ELEMENT) {
          if (r.getEventType() == XMLStreamConstants.END_ELEMENT) {
            open.pop();
          }
          continue;
        }
        // The start of the tag, as Jackson sees it; plain StAX readers give the same here.
        Location loc = r instanceof XMLStreamReader2 r2
            ? r2.getLocationInfo().getStartLocation() : r.getLocation();
        List<String> attrs = new ArrayList<>();
        for (int i = 0; i < r.getAttributeCount(); i++) {
          attrs.add(r.getAttributeLocalName(i));
        }
        int parent = open.isEmpty() ? -1 : open.peek();
        String name = r.getLocalName();
        // Head-level <plugin> content belongs to sersync's plugins: anything goes in there.
        boolean opaque = parent >= 0 && (tags.get(parent).opaque()
            || (tags.get(parent).parent() == -1 && name.equals("plugin")));
        Tag tag = new Tag(tags.size(), name, parent, loc.getLineNumber(), loc.getColumnNumber(),
            List.copyOf(attrs), opaque);
        tags.add(tag);
        open.push(tag.index());
      }
    } catch (XMLStreamException e) {
      Location loc = e.getLocation();
      throw new Problem(loc == null ? 0 : loc.getLineNumber(), loc == null ? 0 : loc.getColumnNumber(),
          "malformed XML: " + firstLine(e.getMessage()));
    } finally {
      close(r);
    }
    XmlOutline outline = new XmlOutline(tags);
    outline.checkShape();
    return outline;
  }

  private void checkShape() throws Problem {
    if (tags.isEmpty()) {
      throw new Problem(1, 1, "no root element; expected <head> (a sersync confxml.xml)");
    }
    Tag root = tags.get(0);
    if (!root.name().equals("head")) {
      throw new Problem(root.line(), root.column(),
          "root element is <" + root.name() + ">; expected <head> (a sersync confxml.xml)");
    }
    Map<String, Tag> seen = new HashMap<>();
    for (Tag t : tags) {
      if (t.parent() < 0 || t.opaque() || REPEATABLE.contains(t.name())) {
        continue;
      }
      Tag first = seen.putIfAbsent(t.parent() + "/" + t.name(), t);
      if (first != null) {
        throw new Problem(t.line(), t.column(), "<" + t.name() + "> appears twice in <"
            + tags.get(t.parent()).name() + "> (first at line " + first.line() + "); keep one");
      }
    }
  }

  /**
   * The start tag of the element named {@code name} that Jackson reported at (line, column): the
   * last such tag at or before that position. Null if there is none.
   */
  Tag locate(String name, int line, int column) {
    Tag found = null;
    for (Tag t : tags) {
      if (!t.atOrBefore(line, column)) {
        break;
      }
      if (t.name().equals(name)) {
        found = t;
      }
    }
    return found;
  }

  /**
   * For an unknown property {@code prop} of element {@code container} reported at (line,
   * column): the unknown child element's tag, or else the container tag that carries {@code prop}
   * as an attribute. Null if neither is found.
   */
  Tag locateUnknown(String container, String prop, int line, int column) {
    Tag found = null;
    for (Tag t : tags) {
      if (!t.atOrBefore(line, column)) {
        break;
      }
      boolean child = t.name().equals(prop) && t.parent() >= 0
          && tags.get(t.parent()).name().equals(container);
      boolean attr = t.name().equals(container) && t.attributes().contains(prop);
      if (child || attr) {
        found = t;
      }
    }
    return found;
  }

  static String firstLine(String s) {
    if (s == null) {
      return "(no detail)";
    }
    String line = s.strip().lines().findFirst().orElse("").strip();
    int at = line.indexOf(" at [row,col");
    return at > 0 ? line.substring(0, at).strip() : line;
  }

  private static void close(XMLStreamReader r) {
    if (r != null) {
      try {
        r.close();
      } catch (XMLStreamException ignored) {
        // nothing was opened that needs closing: the input is a String
      }
    }
  }
}
