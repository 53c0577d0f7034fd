#!/usr/bin/env bash
# Runs N injector processes (default 3) of one simulation against ONE reference server started as its own JVM,
# then merges their HdrHistogram interval logs into one report with exact percentiles and summed throughput.
# The local stand-in for a Kubernetes indexed Job (docs/LOAD.md): each process is what one pod runs.
#
#   load/scripts/distributed-local.sh [SIMULATION] [INJECTORS]     e.g. PrivateChatSimulation 3
#   extra -Dchatspec.* flags for every injector: CHATSPEC_OPTS="-Dchatspec.users=40" load/scripts/...
set -euo pipefail
cd "$(dirname "$0")/.."
SIM="${1:-PrivateChatSimulation}"
N="${2:-3}"
OUT="target/distributed/$SIM"
rm -rf "$OUT" && mkdir -p "$OUT"

mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat target/cp.txt)"
GATLING_JVM=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
             --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Xmx512m)

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -Xmx1g -cp "$CP" io.chatspec.server.ServerMain --port "$PORT" >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
# wait for the port: poll with a bounded number of connection attempts
for _ in $(seq 1 100); do
  (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null && break
  read -r -t 0.1 < /dev/zero || true
done

RUN="d$(date +%s)"
PIDS=()
for i in $(seq 0 $((N - 1))); do
  java "${GATLING_JVM[@]}" -cp "$CP" -Dchatspec.target=127.0.0.1:"$PORT" -Dchatspec.injector="$i" \
    -Dchatspec.runId="$RUN" -Dchatspec.out="$OUT" ${CHATSPEC_OPTS:-} \
    io.gatling.app.Gatling -s "io.chatspec.load.simulations.$SIM" -rf "$OUT/gatling-$i" -nr \
    >"$OUT/injector-$i.log" 2>&1 &
  PIDS+=($!)
done
STATUS=0
for p in "${PIDS[@]}"; do wait "$p" || STATUS=1; done
java -cp "$CP" io.chatspec.load.merge.HdrMerge --out "$OUT/merged.md" "$OUT/hdr"
echo "injectors exit status: $STATUS (non-zero: an injector breached an SLO or crashed; see $OUT/injector-*.log)"
exit $STATUS
