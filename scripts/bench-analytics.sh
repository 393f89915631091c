#!/usr/bin/env bash
# The analytics benchmark (see BENCHMARKS.md): generates 10,000 tasks / 5,000,000 predictions in an
# embedded PostgreSQL under --dir (once; kept for later runs) and the same sessions as legacy JSON
# files, then times leaderboard, pivot, trends, paired comparison, prediction pages, the file-based
# leaderboard, and an .xlsx of 100,000 predictions.
#   scripts/bench-analytics.sh [--dir /tmp/evalstation-bench] [--runs 30] [--xlsx-only]
# BENCH_XMX sets the heap (default 256m).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
cp_file=persistence/target/bench.classpath
mvn -B -q -o -pl persistence -am -DskipTests -Dspotless.check.skip=true test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
exec java "-Xmx${BENCH_XMX:-256m}" -cp "persistence/target/test-classes:persistence/target/classes:model/target/classes:$(cat "$cp_file")" \
  io.evalstation.persistence.analytics.bench.AnalyticsBench "$@"
