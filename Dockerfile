# build: the jar and its libraries (the test suite runs outside the image build)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests

# run: a JRE, the jar, and the files integrators edit, as a user without privileges
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 bridge \
 && useradd --system --uid 10001 --gid bridge --no-create-home bridge
WORKDIR /app
COPY --from=build /src/target/lib/ lib/
COPY --from=build /src/target/networx-highlevel-bridge.jar bridge.jar
COPY application.properties ./
COPY routes/ routes/
COPY kamelets/ kamelets/
COPY rules/ rules/
# the embedded store's directory, for a single process run without PostgreSQL (mount a volume here)
RUN mkdir data && chown bridge:bridge data
USER 10001:10001
EXPOSE 8080 9876
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "bridge.jar"]
