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
# Run from a copy of the compiled classes, so that a rebuild during the run cannot change them.
rm -rf "$work.classes" && mkdir -p "$work.classes"
cp -r persistence/target/test-classes "$work.classes/test-classes"
cp -r persistence/target/classes "$work.classes/classes"
cp -r model/target/classes "$work.classes/model"
cp -r resources/target/classes "$work.classes/resources"
deps=$(tr ':' '\n' < "$work.classpath" | grep -v '/target/classes$' | paste -sd: -)
cp="$work.classes/test-classes:$work.classes/classes:$work.classes/model:$work.classes/resources:$deps"
echo "== throughput ($(nproc) cores, $(date -u +%FT%TZ))"
java -Xmx1g -cp "$cp" io.evalstation.persistence.sample.ImportBenchmark throughput "$work/throughput" "$predictions"
echo "== heap (-Xmx256m)"
java -Xmx256m -cp "$cp" io.evalstation.persistence.sample.ImportBenchmark heap "$work/heap" "$mb"
