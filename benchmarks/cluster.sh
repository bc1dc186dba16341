#!/usr/bin/env bash
# Figures of the optional cluster (docs/benchmarks.md, "Cluster"), on loopback on this machine:
#   formation   seconds from starting a member's JVM to its joining (the first alone, the second beside it)
#   overhead    per-trajectory cost of the cluster path over a local sweep, one trajectory at a time
#   throughput  trajectories per second of a local sweep, of one member and of two members
#   re-run      seconds from a member's SIGKILL to its trajectory starting again on the other member
# Needs the build (mvn -B -q -DskipTests package). Kills only the processes it starts.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/launcher/target/biasflow.jar"
work=$(mktemp -d)
cluster="bench-$$"
port=$((7000 + RANDOM % 2000))
members="127.0.0.1:$port,127.0.0.1:$((port + 1))"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/load"
cp "$root"/launcher/target/cluster/*.jar "$work/load/"
cd "$work"

bf() { java -jar "$jar" --load load "$@"; }
now() { date +%s.%N; }
seconds() { echo "$1 $2" | awk '{printf "%.1f", $2 - $1}'; }
wall() { sed -n 's/.*trajectories in .*(\([0-9.]*\) s).*/\1/p' "$1"; }
member() { # name port
    mkdir -p "tmp-$1"
    java -Djava.io.tmpdir="$work/tmp-$1" -jar "$jar" --load load \
        -c "bf:member --cluster $cluster --members $members --port $2" >"$1.out" 2>"$1.err" &
    pids+=($!)
}
joined() { until grep -q "member \[" "$1.out" 2>/dev/null; do sleep 0.05; done; }
running() { find "tmp-$1" -mindepth 3 -maxdepth 3 -path '*/runs/*' 2>/dev/null | head -1; }

bf -c "bf:data --kind sparse-teacher --n 20 --d 50 --seed 3 --out tiny.csv" >/dev/null
bf -c "bf:data --kind sparse-teacher --n 200 --d 2000 --seed 3 --out slow.csv" >/dev/null
tiny="bf:sweep --data tiny.csv --alphas 1e-2:1e2:20 --depths 2,3 --eps 1e-1:1e-10"
count=40
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

bf -c "$tiny --threads 1 --out local1" >local1.out
bf -c "$tiny --threads 2 --out local2" >local2.out

start=$(now); member m1 "$port"; joined m1; first=$(seconds "$start" "$(now)")
bf -c "$tiny --threads 1 --out c1-serial --cluster $cluster --members $members" >c1-serial.out
bf -c "$tiny --out c1 --cluster $cluster --members $members" >c1.out
start=$(now); member m2 "$((port + 1))"; joined m2; second=$(seconds "$start" "$(now)")
bf -c "$tiny --out c2 --cluster $cluster --members $members" >c2.out
for out in c1-serial c1 c2; do cmp -s local1/sweep.csv "$out/sweep.csv" || echo "WARNING: $out/sweep.csv differs"; done

echo "formation: first member ${first} s, second member ${second} s (JVM start included)"
awk -v l="$(wall local1.out)" -v c="$(wall c1-serial.out)" -v n=$count 'BEGIN {
    printf "overhead, one at a time: local %.1f s, one member %.1f s for %d trajectories: %+.0f ms per trajectory\n",
        l, c, n, 1000 * (c - l) / n }'
awk -v l="$(wall local2.out)" -v a="$(wall c1.out)" -v b="$(wall c2.out)" -v n=$count 'BEGIN {
    printf "throughput: local 2 threads %.2f/s, one member %.2f/s, two members %.2f/s (trajectories per second)\n",
        n / l, n / a, n / b }'

# One slow trajectory: kill the member that runs it, time its start on the other.
bf -c "bf:sweep --data slow.csv --alphas 10 --depths 2 --eps 1e-1:1e-10,1e-10:1e-100000:20 --out rerun --cluster $cluster --members $members" >rerun.out 2>&1 &
submitter=$!
pids+=($submitter)
until [ -n "$(running m1)$(running m2)" ]; do sleep 0.05; done
if [ -n "$(running m1)" ]; then victim=0 other=m2; else victim=1 other=m1; fi
killed=$(now)
kill -9 "${pids[$victim]}"
until [ -n "$(running $other)" ]; do sleep 0.05; done
echo "re-run: $(seconds "$killed" "$(now)") s from SIGKILL to the trajectory running on the other member"
wait "$submitter" || true
tail -1 rerun.out
