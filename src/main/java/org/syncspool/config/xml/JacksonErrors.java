package org.syncspool.config.xml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.syncspool.config.ConfigException;

/**
 * Jackson's multi-line messages (class names, reference chains) to our one line
 * {@code FILE:LINE:COL: what is wrong}, worded in elements and attributes.
 */
final class JacksonErrors {
  private JacksonErrors() {}

  static ConfigException translate(JsonProcessingException e, Path file, XmlOutline outline) {
    JsonLocation loc = e.getLocation();
    int line = loc == null ? 0 : loc.getLineNr();
    int col = loc == null ? 0 : loc.getColumnNr();
    if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
      // The outline pass already rejected malformed XML; this is a fallback.
      return new ConfigException(file, line, col,
          "malformed XML: " + XmlOutline.firstLine(e.getOriginalMessage()));
    }
    List<JsonMappingException.Reference> path = m.getPath();
    String prop = path.get(path.size() - 1).getFieldName();
    String container = "head";
    for (int i = path.size() - 2; i >= 0; i--) {
      if (path.get(i).getFieldName() != null) {
        container = path.get(i).getFieldName();
        break;
      }
    }
    if (prop == null) {
      prop = container;
    }
    XmlOutline.Tag at = outline.locateUnknown(container, prop, line, col);
    boolean isElement = at != null && at.name().equals(prop) && !at.name().equals(container);
    if (at == null) {
      at = outline.locate(container, line, col);
    }
    if (at != null) {
      line = at.line();
      col = at.column();
    }
    String problem;
    if (e instanceof UnrecognizedPropertyException u) {
      if (prop.isEmpty()) {
        problem = "unexpected text inside <" + container + "> (sersync settings are attributes)";
      } else {
        String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
            .map(String::valueOf).sorted().collect(Collectors.joining(", "));
        problem = (isElement ? "unknown element <" + prop + ">" : "unknown attribute '" + prop + "'")
            + " in <" + container + ">" + (known.isEmpty() ? "" : " (known: " + known + ")");
      }
    } else {
      problem = "'" + prop + "' in <" + container + "> has the wrong form ("
          + (isElement ? "an element was expected to have attributes" : "expected an element")
          + "): " + XmlOutline.firstLine(m.getOriginalMessage());
    }
    return new ConfigException(file, line, col, problem);
  }
}
