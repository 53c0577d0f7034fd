#!/usr/bin/env bash
# Runs N injector processes (default 3) of one simulation against ONE reference server started as its own JVM,
# then merges their HdrHistogram interval logs into one report with exact percentiles and summed throughput
# (merged.md, and merged.json in a run summary's format for the reports' capacity --merged).
# The local stand-in for the Kubernetes indexed Job (docs/LOAD.md): each injector runs exactly the command a pod
# runs (`java -jar chatspec-load.jar SIM --target ... --injector-index i --run-id R`), and the merge is the
# command of the Job's merge step (`java -jar chatspec-load.jar merge ...`).
#
#   load/scripts/distributed-local.sh [SIMULATION] [INJECTORS]     e.g. PrivateChatSimulation 3
#   extra options for every injector: LOAD_ARGS="--users 40 --rate 400 -P messageSize=256" load/scripts/...
#   JVM flags for every injector: CHATSPEC_JAVA_OPTS="-Xmx1g"
set -euo pipefail
cd "$(dirname "$0")/.."
SIM="${1:-PrivateChatSimulation}"
N="${2:-3}"
OUT="target/distributed/$SIM"
JAR="target/chatspec-load.jar"
rm -rf "$OUT" && mkdir -p "$OUT"

if [[ ! -f "$JAR" ]]; then
  (cd .. && mvn -B -q -o -DskipTests package -pl load -am)
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# the load jar carries the reference server too
java -Xmx1g -cp "$JAR" io.chatspec.server.ServerMain --port "$PORT" >"$OUT/server.log" 2>&1 &
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
  # shellcheck disable=SC2086 # word splitting of the option lists is intended
  java -Xmx512m ${CHATSPEC_JAVA_OPTS:-} -jar "$JAR" "$SIM" --target 127.0.0.1:"$PORT" --injector-index "$i" \
    --run-id "$RUN" --out "$OUT" --reports "$OUT/gatling-$i" --no-html ${LOAD_ARGS:-} \
    >"$OUT/injector-$i.log" 2>&1 &
  PIDS+=($!)
done
STATUS=0
for p in "${PIDS[@]}"; do wait "$p" || STATUS=1; done
java -jar "$JAR" merge --out "$OUT/merged.md" "$OUT/hdr"
echo "injectors exit status: $STATUS (non-zero: an injector breached an SLO or crashed; see $OUT/injector-*.log)"
exit $STATUS
