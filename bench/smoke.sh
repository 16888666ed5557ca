#!/usr/bin/env bash
# Builds the benchmarks (Release, warnings as errors) and runs every benchmark twice with tiny counts,
# plus the idle-memory mode on a few actors and the runtime's stress checks. Fails on an error or a
# hang, never on a timing. Takes well under a minute after the build.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/ActorRuntime.Benchmarks/ActorRuntime.Benchmarks.csproj -nologo -v quiet
timeout 300 dotnet run -c Release --no-build --project bench/ActorRuntime.Benchmarks -- --smoke
