# krm-otel container image: Native AOT build, then a distroless runtime holding only glibc and the binary.
# kpt and kustomize run functions with `--user nobody --network none --security-opt=no-new-privileges`, so the
# final image has a passwd entry for nobody and runs as it; the root filesystem can be read-only.
#   docker build -t krm-otel:0.1.0 .
#   echo '{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":[]}' | docker run --rm -i --read-only --network none krm-otel:0.1.0

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clang zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/KrmFunction/KrmFunction.csproj src/KrmFunction/
RUN dotnet restore src/KrmFunction/KrmFunction.csproj -r linux-x64
COPY src/ src/
RUN dotnet publish src/KrmFunction/KrmFunction.csproj -c Release -r linux-x64 --no-restore -o /out \
 && rm -f /out/*.dbg \
 && printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' > /out/passwd \
 && printf 'root:x:0:\nnogroup:x:65534:\n' > /out/group

# same Ubuntu release as the build stage, so the glibc the binary was linked against is there
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
COPY --from=build /out/passwd /etc/passwd
COPY --from=build /out/group /etc/group
COPY --from=build /out/krm-otel /usr/local/bin/krm-otel
# the operator scripts embedded in the binary are Apache-2.0: their notice travels with it
COPY THIRD-PARTY-NOTICES.md /usr/share/doc/krm-otel/THIRD-PARTY-NOTICES.md
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/krm-otel"]
