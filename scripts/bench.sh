#!/usr/bin/env bash
# Runs a benchmark main from a module's test classes with that module's full test class path.
#   scripts/bench.sh MODULE MAIN_CLASS [ARGS...]      e.g. scripts/bench.sh persistence io.evalstation.persistence.db.EmbeddedStartupBenchmark
# JVM options come from BENCH_JAVA_OPTS (e.g. BENCH_JAVA_OPTS=-Xmx256m).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
module=$1; main=$2; shift 2
cd "$here"
mvn -B -q -DskipTests -Dspotless.check.skip=true -pl "$module" -am test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >&2
cp="$module/target/test-classes:$module/target/classes"
for m in model persistence ssh-slurm resources app; do
  [[ -d $m/target/classes ]] && cp="$cp:$m/target/classes"
done
cp="$cp:$(cat "$module/target/bench-classpath.txt")"
exec java ${BENCH_JAVA_OPTS:-} -Devalstation.pg.runtime="${TMPDIR:-/tmp}/evalstation-bench-pg-runtime" -cp "$cp" "$main" "$@"
