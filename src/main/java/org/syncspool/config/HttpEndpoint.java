package org.syncspool.config;

/** Where metrics and status are served: sersync's {@code <host hostip="..." port="..."/>}. */
public record HttpEndpoint(String host, int port) {
  public static final HttpEndpoint DEFAULT = new HttpEndpoint("127.0.0.1", 8008);

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
