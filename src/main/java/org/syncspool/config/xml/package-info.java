/**
 * The XML side of the config loader: package-private Jackson DTOs for sersync's
 * {@code confxml.xml}, the location capture that lets errors point at an element, the
 * translation of Jackson and StAX errors into one-line messages, and the semantic pass from DTOs
 * to records. {@link org.syncspool.config.xml.XmlConfigReader} is the only public class.
 */
package org.syncspool.config.xml;
