# Sourced by the benchmark scripts: `best_of_five TIME_FILE COMMAND…` runs the command once to warm
# the page cache, then five times under GNU time, and prints the best run's "wall user system
# peak-KiB": the figure least disturbed by load (on the 2-core benchmark machine one command's
# wall time varies by up to a third).
best_of_five() {
  local time_file=$1
  shift
  "$@" >/dev/null 2>&1 || true
  local best="" times
  for run in 1 2 3 4 5; do
    /usr/bin/time -o "$time_file" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || true
    times=$(tail -1 "$time_file")
    if [ -z "$best" ] || awk -v a="$times" -v b="$best" 'BEGIN { split(a, x); split(b, y); exit !(x[1] < y[1]) }'; then
      best=$times
    fi
  done
  echo "$best"
}
