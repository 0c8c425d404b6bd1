#!/usr/bin/env bash
# Benchmarks the bridge against its sandbox and writes docs/benchmarks.md.
#
#   bench/run.sh
#
# Builds the bridge, then: (1) intake rate with wrk at 1, 16 and 64 connections on the embedded H2
# store, on PostgreSQL and on a bare platform-http route; (2) lead-to-contact latency at a fixed
# rate; (3) HighLevel budget use draining a backlog at the real rate limit; (4) start-up time and
# resident memory. Loopback only. Needs a JDK 17, Maven and python3; installs Debian's wrk if missing.
#
# Settings (environment): RUNS (3) repeats of each intake run, DURATION (10) seconds per intake run,
# LATENCY_RATE (50) leads/s and LATENCY_SECONDS (60), BACKLOG (1000) leads, PHASES (all of
# "intake latency budget"), JVM_FLAGS, REPORT (docs/benchmarks.md). Raw results stay in target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
LATENCY_RATE=${LATENCY_RATE:-50}
LATENCY_SECONDS=${LATENCY_SECONDS:-60}
BACKLOG=${BACKLOG:-1000}
PHASES=${PHASES:-intake latency budget}
JVM_FLAGS=${JVM_FLAGS:--XX:+UseSerialGC -Xms64m -Xmx256m -Xss512k}
REPORT=${REPORT:-docs/benchmarks.md}

PORT=18080
MGMT=19876
BARE_PORT=18081
KEY=sandbox-0f6c2b9e4d7a41c8b35e
LEAD_PATH=/webhooks/networx/leads/$KEY
OUT=$ROOT/target/bench/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
echo "results in $OUT"

log() { echo "[$(date +%H:%M:%S)] $*"; }

# --- tools and build
if ! command -v wrk >/dev/null; then
    log "installing wrk"
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
log "building"
mvn -q -B compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
CP="$ROOT/target/classes:$(cat target/bench-cp.txt)"
rm -rf target/bench-classes && mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$CP" bench/java/org/nxhl/bench/*.java
CP="$CP:$ROOT/target/bench-classes"

# --- machine and settings, for the report
{
    echo "cores=$(nproc)"
    echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "memory_mb=$(free -m | awk '/^Mem:/ {print $2}')"
    echo "jdk=$(java -version 2>&1 | sed -n 2p)"
    echo "wrk=$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
    echo "kernel=$(uname -r)"
    echo "commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+changes')"
    echo "jvm_flags=$JVM_FLAGS"
    echo "runs=$RUNS"
    echo "duration=$DURATION"
    echo "latency_rate=$LATENCY_RATE"
    echo "latency_seconds=$LATENCY_SECONDS"
    echo "backlog=$BACKLOG"
    echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} > "$OUT/machine.txt"

PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

# starts a main class in the background with the JVM flags: launch name main [-Dkey=value...] [-- args...];
# sets STARTED_PID and START_NS
launch() {
    local name=$1 main=$2
    shift 2
    local options=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        options+=("$1")
        shift
    done
    [ $# -gt 0 ] && shift
    START_NS=$(date +%s%N)
    # shellcheck disable=SC2086
    java $JVM_FLAGS "${options[@]}" -cp "$CP" "$main" "$@" > "$OUT/$name.log" 2>&1 &
    STARTED_PID=$!
    PIDS+=("$STARTED_PID")
}

# waits (at most 90 s) until a URL answers 200
await_ok() {
    local url=$1 pid=$2
    for _ in $(seq 1 1800); do
        if curl -sf -o /dev/null "$url"; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || { echo "process $pid ended"; return 1; }
        sleep 0.05
    done
    echo "no answer from $url"
    return 1
}

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# starts the bridge on a fresh store; records start-up to ready and idle RSS; sets BRIDGE_PID
start_bridge() {
    local name=$1
    shift
    rm -rf "$OUT/$name-data"
    launch "$name" org.nxhl.bridge.BridgeMain -Dcamel.server.port=$PORT -Dcamel.management.port=$MGMT \
        -Dstore.url="jdbc:h2:file:$OUT/$name-data/bridge" "$@"
    BRIDGE_PID=$STARTED_PID
    await_ok "http://127.0.0.1:$MGMT/observe/health/ready" "$BRIDGE_PID"
    local ready_ms=$(( ($(date +%s%N) - START_NS) / 1000000 ))
    sleep 5
    echo -e "$name\t$ready_ms\t$(rss_kb "$BRIDGE_PID")" >> "$OUT/startup.tsv"
    log "$name ready after $ready_ms ms"
}

# SIGTERM, a clean stop for at most 40 s, then SIGKILL
stop() {
    local pid=$1
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 80); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.5
    done
    log "process $pid still running after 40 s, killed"
    kill -9 "$pid" 2>/dev/null || true
    sleep 1
}

# samples a process's RSS once a second into a file until the process or the sampler is stopped
sample_rss() {
    local pid=$1 file=$2
    ( while kill -0 "$pid" 2>/dev/null; do rss_kb "$pid" >> "$file" 2>/dev/null || true; sleep 1; done ) &
    SAMPLER_PID=$!
}

# wrk at 1, 16 and 64 connections, RUNS times each, after a warm-up; one JSON line per run
intake_runs() {
    local target=$1 url=$2 pid=$3
    log "$target: warm-up"
    local warm
    warm=$(RUN="$target-warm" wrk -t2 -c64 -d5s -s bench/leads.lua "$url" | tail -1)
    echo "{\"target\":\"$target\",\"connections\":64,\"run\":0,${warm#\{}" >> "$OUT/intake.jsonl"
    sample_rss "$pid" "$OUT/rss-$target.txt"
    for c in 1 16 64; do
        local t=$(( c < 2 ? 1 : 2 ))
        for r in $(seq 1 "$RUNS"); do
            local line
            line=$(RUN="$target-c$c-r$r" wrk -t$t -c$c -d${DURATION}s --timeout 10s -s bench/leads.lua "$url" | tail -1)
            echo "{\"target\":\"$target\",\"connections\":$c,\"run\":$r,\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\",${line#\{}" \
                >> "$OUT/intake.jsonl"
            log "$target c=$c run $r: $line"
        done
    done
    kill "$SAMPLER_PID" 2>/dev/null || true
}

# counts file writes and fsync-family calls of the bridge while wrk sends leads for 5 s
fsync_probe() {
    local pid=$1 url=$2
    if ! command -v strace >/dev/null; then
        apt-get install -y -qq strace >/dev/null 2>&1 || { log "no strace, fsync probe skipped"; return 0; }
    fi
    strace -f -c -e trace=fsync,fdatasync,sync_file_range,msync,pwrite64 -o "$OUT/fsync-strace.txt" \
        -p "$pid" 2> /dev/null &
    local spid=$!
    sleep 2
    RUN=fsync wrk -t1 -c4 -d5s -s bench/leads.lua "$url" | tail -1 > "$OUT/fsync-wrk.json"
    kill -INT "$spid" 2>/dev/null || true
    wait "$spid" 2>/dev/null || true
}

sandbox_rate_limit() {
    curl -sf -X PUT "http://127.0.0.1:$PORT/sandbox/control/rate-limit" -H 'Content-Type: application/json' \
        -d "$1" > /dev/null
}

# counts notes the sandbox created so far
notes_created() {
    curl -sf "http://127.0.0.1:$PORT/sandbox/control/calls?timestamps=false" \
        | python3 -c 'import json,sys; print(sum(c["count"] for c in json.load(sys.stdin)["calls"]
                      if c["method"] == "POST" and "notes" in c["path"] and c["status"] == 201))'
}

# waits (bounded) until the sandbox holds a note for every lead
await_notes() {
    local want=$1 seconds=$2
    for _ in $(seq 1 "$seconds"); do
        [ "$(notes_created)" -ge "$want" ] && return 0
        sleep 1
    done
    log "only $(notes_created) of $want notes after $seconds s"
}

inbox_times() {
    local name=$1
    java -cp "$CP" org.nxhl.bench.InboxTimes "jdbc:h2:file:$OUT/$name-data/bridge" sa "$OUT/$name-inbox.tsv" \
        > /dev/null
}

if [[ " $PHASES " == *" intake "* ]]; then
    # 1. intake on the embedded store; the dispatcher keeps sending leads on at the real rate limit
    start_bridge intake-h2
    intake_runs h2 "http://127.0.0.1:$PORT$LEAD_PATH" "$BRIDGE_PID"
    log "h2: durability probe"
    fsync_probe "$BRIDGE_PID" "http://127.0.0.1:$PORT$LEAD_PATH"
    stop "$BRIDGE_PID"
    echo "h2=$(java -cp "$CP" org.nxhl.bench.InboxTimes "jdbc:h2:file:$OUT/intake-h2-data/bridge" sa -)" \
        >> "$OUT/stored.txt"

    # the same load on a bare platform-http route that stores nothing
    launch bare org.nxhl.bench.BareMain -Dcamel.server.port=$BARE_PORT
    BARE_PID=$STARTED_PID
    for _ in $(seq 1 600); do
        curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d '{}' \
            "http://127.0.0.1:$BARE_PORT$LEAD_PATH" && break
        sleep 0.05
    done
    intake_runs bare "http://127.0.0.1:$BARE_PORT$LEAD_PATH" "$BARE_PID"
    stop "$BARE_PID"

    # PostgreSQL with every commit flushed to disk
    log "starting PostgreSQL"
    rm -f "$OUT/pg-url.txt"
    launch postgres org.nxhl.bench.BenchPostgres -- "$OUT/pg-data" "$OUT/pg-url.txt"
    PG_PID=$STARTED_PID
    for _ in $(seq 1 600); do [ -s "$OUT/pg-url.txt" ] && break; kill -0 "$PG_PID" || break; sleep 0.1; done
    PG_URL=$(cat "$OUT/pg-url.txt")
    start_bridge intake-pg -Dstore.url="$PG_URL" -Dstore.user=postgres -Dstore.password=postgres
    intake_runs pg "http://127.0.0.1:$PORT$LEAD_PATH" "$BRIDGE_PID"
    stop "$BRIDGE_PID"
    echo "pg=$(java -cp "$CP" org.nxhl.bench.InboxTimes "$PG_URL" postgres - postgres)" >> "$OUT/stored.txt"
    stop "$PG_PID"
fi

if [[ " $PHASES " == *" latency "* ]]; then
    # 2. lead to contact at a fixed rate, both rate limits raised far above the load
    start_bridge latency -Dhighlevel.rate-limit.max=100000
    sandbox_rate_limit '{"max":100000,"intervalMs":10000,"daily":100000000}'
    count=$(( LATENCY_RATE * LATENCY_SECONDS ))
    # a warm-up at the same rate, not counted: a fresh JVM compiles its hot paths in the first seconds
    warm=$(( LATENCY_RATE * 15 ))
    log "latency: warm-up, $warm leads at $LATENCY_RATE/s"
    java -cp "$CP" org.nxhl.bench.PacedSender "http://127.0.0.1:$PORT$LEAD_PATH" "$LATENCY_RATE" "$warm" \
        warm src/test/resources/networx/lead.json "$OUT/latency-warmup.tsv"
    await_notes "$warm" 60
    count=$(( count + warm ))
    log "latency: $(( count - warm )) leads at $LATENCY_RATE/s"
    java -cp "$CP" org.nxhl.bench.PacedSender "http://127.0.0.1:$PORT$LEAD_PATH" "$LATENCY_RATE" \
        "$(( count - warm ))" lat src/test/resources/networx/lead.json "$OUT/latency-sent.tsv"
    await_notes "$count" 120
    curl -sf "http://127.0.0.1:$PORT/sandbox/control/contacts?locationId=sandbox" > "$OUT/latency-contacts.json"
    stop "$BRIDGE_PID"
    inbox_times latency
fi

if [[ " $PHASES " == *" budget "* ]]; then
    # 3. a backlog for one location drained at HighLevel's real limit (100 calls per 10 s), of plain
    # leads: no lead tags configured, so each lead is an upsert and a note (tags add a third call)
    start_bridge budget -Dlead.tags=
    sandbox_rate_limit '{"max":100,"intervalMs":10000,"daily":200000}'
    log "budget: $BACKLOG leads, draining"
    java -cp "$CP" org.nxhl.bench.PacedSender "http://127.0.0.1:$PORT$LEAD_PATH" 500 "$BACKLOG" \
        budget src/test/resources/networx/lead.json "$OUT/budget-sent.tsv"
    await_notes "$BACKLOG" 480
    curl -sf "http://127.0.0.1:$PORT/sandbox/control/calls" > "$OUT/budget-calls.json"
    stop "$BRIDGE_PID"
    inbox_times budget
fi

echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
mkdir -p "$(dirname "$REPORT")"
python3 bench/report.py "$OUT" > "$REPORT"
log "wrote $REPORT"
