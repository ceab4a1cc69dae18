# syncspool in a container. Build: docker build -t syncspool .
#   podman: podman build --format docker -t syncspool . (the default OCI format drops HEALTHCHECK)
# Run (the host's inotify limits apply: set them on the host, see docs/operations.md):
#   docker run -d --name syncspool --stop-timeout 70 \
#     -v /etc/syncspool:/etc/syncspool:ro -v syncspool-state:/var/lib/syncspool \
#     -v /srv/www:/srv/www -v /backup:/backup syncspool
# docker stop waits 10 s by default, a worker may take 60 s to finish its rsync: --stop-timeout 70
# here, or docker stop -t 70. A host directory as the state directory (-v /srv/state:/var/lib/
# syncspool) is fine: the native stubs unpack in /var/cache/syncspool/native, outside it.
# The watched roots and local targets must be mounted at the paths the config names. inotify
# sees changes made through the host's kernel, i.e. by the host and by other containers too.

# Base images: fully qualified (podman refuses short names without a registry alias). Pin them
# by digest for a reproducible build: --build-arg RUNTIME_IMAGE=docker.io/library/eclipse-temurin:
# 17-jre-jammy@sha256:DIGEST (skopeo inspect or docker buildx imagetools inspect print it). The
# defaults carry no digest yet: the registry could not be reached where this file was written.
ARG BUILD_IMAGE=docker.io/library/maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=docker.io/library/eclipse-temurin:17-jre-jammy

# --- build stage: the shaded jar (tests run in CI, not here) ---
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Dependencies first, so a source change does not download them again.
COPY pom.xml .
# The compiler's JVM options (Error Prone needs javac's internals opened).
COPY .mvn .mvn
# A failure here fails the build (it is not hidden); the package step below still goes online for
# whatever go-offline does not foresee.
RUN mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:go-offline
COPY conf conf
COPY src src
COPY packaging packaging
COPY docs docs
COPY README.md .
RUN mvn -B -q package -DskipTests -Djdeb.skip=true

# --- runtime: a slim Java 17 JRE and rsync (and ssh for ssh targets) ---
FROM ${RUNTIME_IMAGE}
# tini: PID 1 that reaps the ssh processes rsync leaves behind (their parent rsync gone, they are
# re-parented to PID 1, which the JVM never waits for) and passes signals on to the JVM.
RUN apt-get update \
 && apt-get install -y --no-install-recommends rsync openssh-client curl tini \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/syncspool.jar /usr/share/syncspool/syncspool.jar
COPY --from=build /src/target/generated-packaging/bin/syncspool /usr/bin/syncspool
# Filtered by the build (the pom's JVM lists filled in), which does not keep the mode.
RUN chmod 755 /usr/bin/syncspool
COPY --from=build /src/packaging/logback/logback.xml /etc/syncspool/logback.xml
COPY --from=build /src/conf/syncspool.xml /etc/syncspool/syncspool.xml
COPY --from=build /src/conf/syncspool.xsd /usr/share/syncspool/syncspool.xsd
RUN mkdir -p /var/lib/syncspool/example/source /var/cache/syncspool/native \
 && chmod 0700 /var/lib/syncspool /var/cache/syncspool/native
# Non-ASCII paths need a UTF-8 locale. Native stubs (jffi, JNA) unpack outside the state
# directory, so a volume or bind mount there cannot hide them (packaging/bin/syncspool).
# SYNCSPOOL_HEALTH_PORT: the port of the config's <host port>, for the HEALTHCHECK.
ENV LANG=C.UTF-8 SYNCSPOOL_NATIVE_DIR=/var/cache/syncspool/native SYNCSPOOL_HEALTH_PORT=8008
VOLUME ["/etc/syncspool", "/var/lib/syncspool"]
# The config's <host> must be reachable from inside the container: 127.0.0.1 is fine for the
# HEALTHCHECK below; publish it (-p) only with hostip="0.0.0.0" and a firewall in front.
# Another <host port>: docker run -e SYNCSPOOL_HEALTH_PORT=8009. (The shell form, so the
# variable is expanded when the check runs; the daemon itself never runs a shell.)
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${SYNCSPOOL_HEALTH_PORT:-8008}/healthz" || exit 1
# tini is PID 1 and passes signals to its child only (not -g: a SIGTERM to rsync itself would
# cut the run in flight), the launcher execs java under it;
# docker stop's SIGTERM reaches the JVM, which lets each worker finish the rsync in flight (up to
# 60 s): stop with -t 70 (or run with --stop-timeout 70).
ENTRYPOINT ["/usr/bin/tini", "-g", "--", "/usr/bin/syncspool"]
CMD ["run", "-o", "/etc/syncspool/syncspool.xml"]
STOPSIGNAL SIGTERM
