#!/usr/bin/env bash
# The import benchmark of issue 3 (BENCHMARKS.md): 1,000,000+ generated legacy predictions through
# the importer beside a raw COPY of the same rows, then the peak heap importing one 200 MB
# predictions file at -Xmx256m. Usage: scripts/import-benchmark.sh [WORK_DIR] [PREDICTIONS] [MB]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:-/tmp/evalstation-import-bench}
predictions=${2:-1000000}
mb=${3:-200}
cd "$here"
# One reactor run: the classpath written last (persistence's) names the sibling modules' classes.
mvn -B -q -o -Dspotless.check.skip=true -pl persistence -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work.classpath" >/dev/null
cp="persistence/target/test-classes:persistence/target/classes:$(cat "$work.classpath")"
echo "== throughput ($(nproc) cores, $(date -u +%FT%TZ))"
java -Xmx1g -cp "$cp" io.evalstation.persistence.sample.ImportBenchmark throughput "$work/throughput" "$predictions"
echo "== heap (-Xmx256m)"
java -Xmx256m -cp "$cp" io.evalstation.persistence.sample.ImportBenchmark heap "$work/heap" "$mb"
