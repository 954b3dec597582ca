# syntax=docker/dockerfile:1
# Build: docker build -t inlet .
# Run:   docker run -p 8080:8080 -v "$PWD/conf:/app/conf:ro" -e REDIS_URL=redis://redis:6379 inlet

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -q -B -ntp dependency:go-offline
COPY conf conf
COPY src src
RUN mvn -q -B -ntp package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system inlet && useradd --system --gid inlet --home-dir /app inlet
WORKDIR /app
COPY --from=build /src/target/inlet.jar /app/inlet.jar
COPY conf /app/conf
RUN chown -R inlet:inlet /app
USER inlet
VOLUME ["/app/conf"]
EXPOSE 8080
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:${INLET_PORT:-8080}/health/ready >/dev/null || exit 1
# exec: the JVM is PID 1's child-free process, so SIGTERM reaches it and shutdown is graceful.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/inlet.jar \"$@\"", "inlet"]
