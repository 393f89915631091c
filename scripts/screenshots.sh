#!/usr/bin/env bash
# Writes docs/screenshots/<view>.png for every view of the desktop app, under Xvfb, on a throwaway
# embedded database holding the sample sessions and the UI fixture, the analysis views in telling
# states (io.evalstation.app.ui.ScreenshotTour).
# Usage: scripts/screenshots.sh [page ...]   (no pages: all of them)
# Needs: xvfb-run, libgtk-3-0 (JavaFX's glass needs GTK even under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/docs/screenshots"
cp_file="$PWD/app/target/tour-classpath.txt"
offline="${MVN_OFFLINE:--o}"
mvn -B -q $offline -pl app -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
classpath="app/target/test-classes:app/target/classes:model/target/classes:persistence/target/classes:ssh-slurm/target/classes:resources/target/classes:$(cat "$cp_file")"
mkdir -p "$out"
xvfb-run -a -s '-screen 0 1440x900x24' \
  java -Dprism.order=sw -Dprism.text=t2k -Djava.awt.headless=false -Xmx1g \
  -cp "$classpath" io.evalstation.app.ui.ScreenshotTour "$out" "$@"
ls -1 "$out"
