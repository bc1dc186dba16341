#!/usr/bin/env bash
# Accuracy, not speed: the direction of beta from biasflow's default integrator against the independent SciPy
# baseline in ../shared/baseline (rtol 1e-9) with two of its methods, LSODA and Radau, on the same data, for
# depths 2 and 3 and several scales. Prints, per case, method and target loss, the largest difference between
# the two directions' first five entries (printed by the baseline to 8 decimals, so 5e-9 is agreement).
# usage: benchmarks/agreement-with-scipy.sh [N] [D_FEATURES] [KMAX]   (needs the built launcher)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10}; d=${2:-30}; kmax=${3:-10000}
jar=launcher/target/biasflow.jar
baseline=../shared/baseline/run_case.py
[ -f "$jar" ] || { echo "build the launcher first: mvn -B -q -DskipTests package" >&2; exit 1; }
[ -f "$baseline" ] || { echo "the SciPy baseline is not at $baseline" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
java -jar "$jar" --load "$work/load" -c "bf:data --n $n --d $d --sparsity 3 --seed 1 --out $work/data.csv" >/dev/null
tail -n +2 "$work/data.csv" > "$work/headerless.csv"

echo "N=$n d=$d: max |difference| of beta/|beta| over its first five entries, biasflow bdf vs SciPy"
for depth in 2 3; do
  for alpha in 0.1 1 10; do
    out="$work/run-$depth-$alpha"
    java -jar "$jar" --load "$work/load" -c "bf:run --data $work/data.csv --depth $depth --alpha $alpha \
      --eps 1e-1,1e-10,1e-100,1e-1000,1e-$kmax --out $out" >/dev/null
    for method in LSODA Radau; do
    python3 "$baseline" "$work/headerless.csv" "$depth" "$alpha" "$kmax" "$method" > "$out/scipy.txt" 2>/dev/null
    python3 - "$out/checkpoints.csv" "$out/scipy.txt" "$depth" "$alpha" "$method" <<'EOF'
import csv, sys, math
ours_path, theirs_path, depth, alpha, method = sys.argv[1:]
with open(ours_path) as f:
    rows = [r for r in csv.reader(line for line in f if not line.startswith('#'))]
header, rows = rows[0], rows[1:]
betas = [i for i, name in enumerate(header) if name.startswith('beta_')]
ours = {}
for row in rows:
    beta = [float(row[i]) for i in betas]
    norm = math.sqrt(sum(b * b for b in beta))
    ours[round(-float(row[header.index('log10_loss')]))] = [b / norm for b in beta[:5]]
parts = []
for line in open(theirs_path):
    if line.startswith('eps=1e-'):
        k = int(line.split()[0][len('eps=1e-'):])
        theirs = [float(v) for v in line.split('=')[2].split()]
        parts.append(f"1e-{k}: {max(abs(a - b) for a, b in zip(ours[k], theirs)):.1e}")
print(f"  D={depth} alpha={alpha} {method}: " + ", ".join(parts))
EOF
    done
  done
done
