#!/usr/bin/env bash
# Builds Evalstation's native packages and checks the installed one, end to end:
#   1. mvn -Pinstaller: jlink runtime, app image (installer/target/app-image/Evalstation) and .deb
#      (installer/target/dist), with the time of each step;
#   2. dpkg -i the .deb (apt-get -f install pulls in missing dependencies such as xdg-utils);
#   3. the installed command line: `evalstation db info` on a throwaway data directory;
#   4. the installed desktop app under Xvfb on another throwaway data directory (first start:
#      embedded database, sample data), a screenshot of its main window in
#      docs/screenshots/installed-deb.png, then closed;
#   5. sizes of the app image, the .deb and the installed tree, and the build times.
#
# Needs root (dpkg), a JDK 17 with jpackage, Maven, fakeroot, xvfb, ImageMagick (import) and
# x11-utils (xwininfo): apt-get install -y fakeroot xvfb imagemagick x11-utils libgtk-3-0
#
# Usage: scripts/package.sh [--skip-build] [--no-install]
#   --skip-build   use the packages already in installer/target (after an earlier run)
#   --no-install   stop after the build (no root needed)
# Environment: EVALSTATION_SCREENSHOT_WAIT seconds to let the window settle after the sample
#   data is in (default 5); EVALSTATION_WINDOW_TIMEOUT seconds to wait for the window and for
#   the sample data (180 each).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
build=1
install=1
for arg in "$@"; do
  case $arg in
    --skip-build) build=0 ;;
    --no-install) install=0 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

target=$here/installer/target
work=$(mktemp -d -t evalstation-package.XXXXXX)
cleanup() {
  rm -rf "$work" 2>/dev/null || echo "package.sh: left $work behind" >&2
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }
seconds_between() { # HH:MM:SS.mmm HH:MM:SS.mmm
  local a b
  a=$(date -u -d "1970-01-01 $1" +%s.%N)
  b=$(date -u -d "1970-01-01 $2" +%s.%N)
  awk -v a="$a" -v b="$b" 'BEGIN { d = b - a; if (d < 0) d += 86400; printf "%.1f", d }'
}

# ---------------------------------------------------------------------------------------------
if ((build)); then
  say "building: mvn -B -Pinstaller -pl installer -am package -DskipTests"
  log=$work/mvn.log
  t0=$(date +%s.%N)
  # Timestamps on every log line give the duration of each packaging step.
  mvn -B -Pinstaller -pl installer -am package -DskipTests \
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
    >"$log" 2>&1 || { tail -60 "$log" >&2; echo "package.sh: the build failed (log above)" >&2; exit 1; }
  t1=$(date +%s.%N)
  build_total=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  # Each step runs from its "--- plugin (execution-id)" line to the next such line or the summary.
  mapfile -t marks < <(grep -E '^[0-9:.]+ \[INFO\] (--- |Reactor Summary)' "$log" |
    sed -E 's/^([0-9:.]+) \[INFO\] (--- [^ ]+ \(([^)]+)\).*|(Reactor Summary).*)$/\1 \3\4/')
  declare -A step_time=()
  for ((i = 0; i + 1 < ${#marks[@]}; i++)); do
    read -r ts id <<<"${marks[i]}"
    read -r next _ <<<"${marks[i + 1]}"
    case $id in jlink-runtime|jpackage-app-image|jpackage-installer)
      step_time[$id]=$(seconds_between "$ts" "$next") ;;
    esac
  done
  grep -E 'installer version' "$log" || true
fi

image=$target/app-image/Evalstation
deb=$(ls "$target"/dist/evalstation_*.deb 2>/dev/null | head -n 1 || true)
[[ -d $image ]] || { echo "package.sh: no app image in $image (run without --skip-build)" >&2; exit 1; }
[[ -n $deb ]] || { echo "package.sh: no .deb in $target/dist (run without --skip-build)" >&2; exit 1; }
say "built"
echo "app image  $image"
echo ".deb       $deb"

if ((!install)); then
  du -sh "$image" "$deb"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
say "installing: dpkg -i $(basename "$deb")"
[[ $(id -u) -eq 0 ]] || { echo "package.sh: installing needs root (or use --no-install)" >&2; exit 1; }
retry() { # apt/dpkg may find the lock held for a moment by another apt (STACK.md gotcha 14)
  local n
  for n in 1 2 3 4 5 6; do "$@" && return 0; echo "  (retrying in 10 s: $*)" >&2; sleep 10; done
  return 1
}
t0=$(date +%s.%N)
if ! dpkg -i "$deb"; then
  echo "-- dpkg -i left dependencies unmet; apt-get -f install resolves them" >&2
  retry env DEBIAN_FRONTEND=noninteractive apt-get install -f -y -q
fi
t1=$(date +%s.%N)
install_time=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
status=$(dpkg-query -W -f='${Status} ${Version}' evalstation)
echo "dpkg: $status"
[[ $status == "install ok installed "* ]] || { echo "package.sh: evalstation is not installed" >&2; exit 1; }
echo "/usr/bin/evalstation -> $(readlink -f /usr/bin/evalstation)"
ls /usr/share/applications/ | grep -i evalstation | sed 's/^/menu entry: /'

# ---------------------------------------------------------------------------------------------
say "installed command line: evalstation db info"
t0=$(date +%s.%N)
EVALSTATION_DATA_DIR=$work/cli-data EVALSTATION_CONFIG_DIR=$work/cli-config \
  /usr/bin/evalstation db info | tee "$work/dbinfo.txt"
t1=$(date +%s.%N)
cli_time=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
grep -q '^schema version' "$work/dbinfo.txt" || { echo "package.sh: db info printed no schema version" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
say "installed desktop app under Xvfb"
shot=$here/docs/screenshots/installed-deb.png
mkdir -p "$(dirname "$shot")"
cat >"$work/gui.sh" <<'EOF'
#!/usr/bin/env bash
# Runs inside xvfb-run: start the installed app, wait for its main window, screenshot it, close it.
set -euo pipefail
EVALSTATION_LOG_LEVEL=INFO JAVA_TOOL_OPTIONS=-Dprism.order=sw /opt/evalstation/bin/Evalstation >"$WORK/gui.log" 2>&1 &
pid=$!
stop_app() { # SIGTERM runs the JVM's shutdown hooks, which stop the embedded PostgreSQL.
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
  echo "the app did not exit within 60 s of SIGTERM" >&2
  kill -KILL "$pid"
  return 1
}
trap stop_app EXIT
t0=$(date +%s)
win=
while [[ -z $win ]]; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "the app exited before showing a window:" >&2; cat "$WORK/gui.log" >&2; exit 1; fi
  if (($(date +%s) - t0 > WINDOW_TIMEOUT)); then echo "no Evalstation window after ${WINDOW_TIMEOUT}s" >&2; cat "$WORK/gui.log" >&2; exit 1; fi
  # JavaFX also makes small unmapped windows with the title: wait for the mapped main window.
  for id in $(xwininfo -root -tree 2>/dev/null | awk '/"Evalstation"/ { print $1 }'); do
    info=$(xwininfo -id "$id" 2>/dev/null || true)
    width=$(awk '/Width:/ { print $2 }' <<<"$info")
    if grep -q 'IsViewable' <<<"$info" && [[ ${width:-0} -ge 400 ]]; then win=$id; break; fi
  done
  [[ -n $win ]] || sleep 1
done
echo "window $win after $(($(date +%s) - t0)) s"
xwininfo -id "$win" | grep -E 'Width|Height|Map State' | sed 's/^ */  /'
# First start: the app unpacks PostgreSQL, migrates and imports the sample sessions in the
# background; its log says when the samples are in.
t1=$(date +%s)
until grep -q -E 'sample data:|sample data could not' "$WORK/gui.log"; do
  if (($(date +%s) - t1 > WINDOW_TIMEOUT)); then echo "no 'sample data:' line in the log after ${WINDOW_TIMEOUT}s" >&2; break; fi
  sleep 1
done
grep -o 'sample data:.*' "$WORK/gui.log" | head -1 || true
sleep "$SETTLE"
/usr/bin/import -window "$win" "$SHOT"
echo "screenshot $SHOT"
stop_app
trap - EXIT
echo "closed"
EOF
chmod +x "$work/gui.sh"
t0=$(date +%s.%N)
WORK=$work SHOT=$shot SETTLE=${EVALSTATION_SCREENSHOT_WAIT:-5} WINDOW_TIMEOUT=${EVALSTATION_WINDOW_TIMEOUT:-180} \
  EVALSTATION_DATA_DIR=$work/gui-data EVALSTATION_CONFIG_DIR=$work/gui-config \
  xvfb-run -a -s "-screen 0 1600x1000x24" "$work/gui.sh"
t1=$(date +%s.%N)
gui_time=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
if [[ -f $work/gui-data/postgres/postmaster.pid ]]; then
  echo "package.sh: the embedded PostgreSQL of the GUI run is still running or did not shut down cleanly" >&2
  exit 1
fi
grep -E 'ERROR|Exception' "$work/gui.log" | head -5 | sed 's/^/gui log: /' || true

# ---------------------------------------------------------------------------------------------
say "figures"
printf '%-34s %s\n' "app image (installer/target)" "$(du -sh "$image" | cut -f1)"
printf '%-34s %s\n' "  of which Java runtime (jlink)" "$(du -sh "$image/lib/runtime" | cut -f1)"
printf '%-34s %s\n' "  of which app jars" "$(du -sh "$image/lib/app" | cut -f1)"
printf '%-34s %s (%s bytes)\n' ".deb" "$(du -h "$deb" | cut -f1)" "$(stat -c %s "$deb")"
printf '%-34s %s\n' "installed (/opt/evalstation)" "$(du -sh /opt/evalstation | cut -f1)"
if ((build)); then
  printf '%-34s %s s\n' "build total (mvn, -am)" "$build_total"
  printf '%-34s %s s\n' "  jlink runtime" "${step_time[jlink-runtime]:-?}"
  printf '%-34s %s s\n' "  jpackage app image" "${step_time[jpackage-app-image]:-?}"
  printf '%-34s %s s\n' "  jpackage .deb" "${step_time[jpackage-installer]:-?}"
fi
printf '%-34s %s s\n' "install (dpkg -i + deps)" "$install_time"
printf '%-34s %s s\n' "evalstation db info (first start)" "$cli_time"
printf '%-34s %s s\n' "GUI: start, window, screenshot, close" "$gui_time"
printf '%-34s %s\n' "screenshot" "$shot"
printf '%-34s %s\n' "machine" "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
