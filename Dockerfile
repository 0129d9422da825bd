# The server in a container: built from this checkout, run as a non-root user, data folder in a volume.
#   docker build -t actiontrail .
#   docker run -d -p 8080:8080 -v actiontrail-data:/data --name actiontrail actiontrail
#   docker logs actiontrail        # the root AccessKey printed at the first start, then the access log
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --user-group --home-dir /data --no-create-home actiontrail \
    && mkdir -p /data /opt/actiontrail && chown actiontrail:actiontrail /data && chmod 0700 /data
COPY --from=build /src/adapters-cli/target/actiontrail.jar /opt/actiontrail/actiontrail.jar
USER actiontrail
VOLUME /data
EXPOSE 8080
# every serve flag can be set as ACTIONTRAIL_<FLAG> (or in a file named by ACTIONTRAIL_CONFIG)
ENV ACTIONTRAIL_DATA=/data ACTIONTRAIL_HOST=0.0.0.0 ACTIONTRAIL_PORT=8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s \
    CMD ["java", "-jar", "/opt/actiontrail/actiontrail.jar", "health", "--endpoint", "127.0.0.1:8080"]
ENTRYPOINT ["java", "-jar", "/opt/actiontrail/actiontrail.jar"]
CMD ["serve"]
