# The dashboard as a container:  docker build -t actor-dashboard .
#                                docker run --rm -p 8080:8080 actor-dashboard   ->  http://localhost:8080

# ---- build: restore, then publish ---------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the files that decide it, so that this layer is reused until a package or a
# project reference changes. .editorconfig is here too: it sets analyzer severities, and warnings are
# errors. A new project referenced by the Dashboard must be added to this list.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ActorRuntime/ActorRuntime.csproj src/ActorRuntime/
COPY src/Dashboard/Dashboard.csproj src/Dashboard/
RUN dotnet restore src/Dashboard/Dashboard.csproj

COPY src/ src/
RUN dotnet publish src/Dashboard/Dashboard.csproj -c Release -o /app --no-restore

# ---- runtime ------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app ./

# Plain HTTP on 8080 on every interface of the container; TLS belongs to whatever sits in front.
# The base image sets ASPNETCORE_HTTP_PORTS=8080; it is cleared so that Kestrel does not warn that
# ASPNETCORE_URLS overrides it.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS=
EXPOSE 8080

# The image's non-root user (uid 1654, named "app"); /app stays owned by root, read-only to it.
USER $APP_UID

# The aspnet image has no curl or wget, so the app probes itself: `dotnet Dashboard.dll healthcheck URL`
# exits before building the web host, GETs the URL and exits 0 on a 2xx answer, 1 otherwise
# (src/Dashboard/Hosting/HealthProbe.cs). It costs one short-lived dotnet process per interval.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["dotnet", "/app/Dashboard.dll", "healthcheck", "http://127.0.0.1:8080/healthz"]

ENTRYPOINT ["dotnet", "Dashboard.dll"]
