#!/usr/bin/env bash
# Measures FID Inception feature extraction (images per second, CPU) in PyTorch and in our DJL
# port on the same images, weights and thread count; writes results/fid/feature_benchmark.csv.
# Needs Debian's python3-torch and python3-torchvision under /usr/bin/python3.
# Settings from the environment: THREADS (2), IMAGES (16), BATCH (8), REPEATS (2),
# WORK (/tmp/dwgan-fidbench; keeps the ~92 MB random-weights .pth between runs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${WORK:-/tmp/dwgan-fidbench}"
cd "$ROOT"
/usr/bin/python3 bench/fid_pytorch_bench.py --work "$WORK" --threads "${THREADS:-2}" \
  --images "${IMAGES:-16}" --batch "${BATCH:-8}" --repeats "${REPEATS:-2}"
mvn -q -B -DskipTests -Dspotless.check.skip=true -Dcheckstyle.skip compile
java -Xmx4g -Dai.djl.offline=true -cp "lib/target/classes:$(cat lib/target/classpath.txt)" \
  io.github.dwgan.fid.FeatureBenchmark "$WORK" results/fid/feature_benchmark.csv
