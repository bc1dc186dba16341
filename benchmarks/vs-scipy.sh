#!/usr/bin/env bash
# One trajectory as a user runs it, whole process and start-up included: biasflow's launcher against the
# independent SciPy baseline (LSODA, rtol 1e-9) in ../shared/baseline, alternately, on the same data and target.
# Prints the median wall time of each over RUNS runs and their ratio.
# usage: benchmarks/vs-scipy.sh [RUNS] [N] [D] [ALPHA] [KMAX]   (needs the built launcher: mvn -B -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; n=${2:-10}; d=${3:-30}; alpha=${4:-1}; kmax=${5:-10000}
jar=launcher/target/biasflow.jar
baseline=../shared/baseline/run_case.py
[ -f "$jar" ] || { echo "build the launcher first: mvn -B -q -DskipTests package" >&2; exit 1; }
[ -f "$baseline" ] || { echo "the SciPy baseline is not at $baseline" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
java -jar "$jar" --load "$work/load" -c "bf:data --n $n --d $d --sparsity 3 --seed 1 --out $work/data.csv" >/dev/null
tail -n +2 "$work/data.csv" > "$work/headerless.csv"

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

: > "$work/biasflow.txt"; : > "$work/scipy.txt"
for _ in $(seq "$runs"); do
  seconds java -jar "$jar" --load "$work/load" -c "bf:run --data $work/data.csv --alpha $alpha --eps 1e-$kmax --out $work/run" >> "$work/biasflow.txt"
  seconds python3 "$baseline" "$work/headerless.csv" 2 "$alpha" "$kmax" >> "$work/scipy.txt"
done
ours=$(median < "$work/biasflow.txt"); theirs=$(median < "$work/scipy.txt")
echo "N=$n d=$d D=2 alpha=$alpha eps=1e-$kmax, median of $runs runs, whole process:"
echo "  biasflow (java -jar ... bf:run): $ours s"
echo "  SciPy LSODA baseline:            $theirs s"
echo "  ratio biasflow / SciPy:          $(echo "scale=3; $ours / $theirs" | bc)"
