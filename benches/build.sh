#!/usr/bin/env bash
# Whole-build benchmark: Warraq against Hugo on the same generated papers, in one run.
#
#   benches/build.sh                      # 1,000 and 5,000 papers, 5 runs each
#   RUNS=3 SIZES="1000" benches/build.sh  # quicker
#
# Steps: build the release binary; install Hugo (apt) and GNU time if missing; generate the
# corpora with make_corpus.py (Warraq layout from this project, Hugo layout with minification
# on) under target/bench-corpus/, reused while the generator, templates and first document
# are unchanged; then, per corpus, alternate Warraq and Hugo full builds (fresh output folder
# each run) and time copying the corpus folder as the I/O floor. Prints a Markdown table
# (median wall time, papers per second, peak RSS, ratios, 5k/1k scaling) and saves it as
# target/bench-corpus/results.md.
#
# Environment:
#   MAKE_CORPUS  path of make_corpus.py (default: ../shared/bench/make_corpus.py from the repo)
#   RUNS         runs per tool and corpus (default 5)
#   SIZES        corpus sizes (default "1000 5000")
#   BENCH_DIR    where corpora and outputs go (default target/bench-corpus)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MAKE_CORPUS=${MAKE_CORPUS:-$ROOT/../shared/bench/make_corpus.py}
RUNS=${RUNS:-5}
SIZES=${SIZES:-"1000 5000"}
BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench-corpus}

if [[ ! -f $MAKE_CORPUS ]]; then
    echo "benches/build.sh: $MAKE_CORPUS not found; set MAKE_CORPUS=/path/to/make_corpus.py" >&2
    exit 2
fi

need_apt=()
command -v hugo >/dev/null || need_apt+=(hugo)
[[ -x /usr/bin/time ]] || need_apt+=(time)
if ((${#need_apt[@]})); then
    echo "installing ${need_apt[*]} with apt-get" >&2
    apt-get install -y "${need_apt[@]}" >&2
fi

(cd "$ROOT" && cargo build --release --quiet)
WARRAQ=$ROOT/target/release/warraq

# A corpus is regenerated when anything it is made from changes.
stamp=$(cat "$MAKE_CORPUS" "$ROOT"/templates/*.html "$ROOT/content/_index.md" \
    "$(ls "$ROOT"/content/*.md | grep -v /_index.md | sort | head -n1)" | sha256sum | cut -c1-16)
mkdir -p "$BENCH_DIR"
for n in $SIZES; do
    for layout in warraq hugo; do
        dir=$BENCH_DIR/$layout-$n
        if [[ $(cat "$dir/.stamp" 2>/dev/null) != "$stamp" ]]; then
            rm -rf "$dir"
            like=()
            [[ $layout == warraq ]] && like=(--like "$ROOT")
            python3 "$MAKE_CORPUS" --n "$n" --layout "$layout" "${like[@]}" --out "$dir"
            echo "$stamp" >"$dir/.stamp"
        fi
    done
done

WARRAQ=$WARRAQ HUGO_VERSION="$(hugo version)" python3 - "$BENCH_DIR" "$RUNS" $SIZES <<'PY'
import os, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

bench, runs, sizes = Path(sys.argv[1]), int(sys.argv[2]), [int(n) for n in sys.argv[3:]]
warraq = os.environ["WARRAQ"]
scratch = Path(tempfile.mkdtemp(prefix="warraq-bench-"))

def timed(cmd, out):
    """Runs cmd once into a fresh `out`; returns (seconds, peak RSS in MB)."""
    shutil.rmtree(out, ignore_errors=True)
    rss_file = scratch / "rss"
    start = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(rss_file), *cmd],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    return seconds, int(rss_file.read_text().split()[-1]) / 1024

def tools(n):
    w, h = bench / f"warraq-{n}", bench / f"hugo-{n}"
    return {
        "warraq": ["warraq", ["build", "--root", str(w), "--out", str(scratch / "warraq")], scratch / "warraq"],
        "hugo": ["hugo", ["--minify", "--quiet", "-s", str(h), "-d", str(scratch / "hugo")], scratch / "hugo"],
        "cp -r": ["cp", ["-r", str(w), str(scratch / "copy")], scratch / "copy"],
    }

results = {}
for n in sizes:
    t = tools(n)
    samples = {name: [] for name in t}
    for name, (exe, args, out) in t.items():  # one warm-up run each, not counted
        timed([warraq if exe == "warraq" else exe, *args], out)
    for _ in range(runs):  # alternating, so load changes hit every tool alike
        for name, (exe, args, out) in t.items():
            samples[name].append(timed([warraq if exe == "warraq" else exe, *args], out))
    results[n] = {name: (statistics.median(s for s, _ in v), max(m for _, m in v))
                  for name, v in samples.items()}
    print(f"measured {n} papers", file=sys.stderr)
shutil.rmtree(scratch, ignore_errors=True)

lines = [
    f"Warraq against {os.environ['HUGO_VERSION'].split(' ')[0]} {os.environ['HUGO_VERSION'].split(' ')[1]}"
    f" (`hugo --minify`), {runs} alternating runs each, medians; peak RSS is the largest of the runs;"
    f" {os.cpu_count()} cores.",
    "",
    "| papers | tool | median wall | papers/s | peak RSS | Hugo time ÷ Warraq time | RSS Warraq ÷ Hugo | ÷ copy time |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
]
for n, r in results.items():
    (ws, wm), (hs, hm), (cs, cm) = r["warraq"], r["hugo"], r["cp -r"]
    lines.append(f"| {n} | warraq | {ws:.3f} s | {n / ws:,.0f} | {wm:.0f} MB | **{hs / ws:.2f}×** | {wm / hm:.2f} | {ws / cs:.1f}× |")
    lines.append(f"| {n} | hugo | {hs:.3f} s | {n / hs:,.0f} | {hm:.0f} MB | | | {hs / cs:.1f}× |")
    lines.append(f"| {n} | cp -r (I/O floor) | {cs:.3f} s | | | | | |")
if len(sizes) >= 2:
    lo, hi = sizes[0], sizes[-1]
    lines.append("")
    for name in ("warraq", "hugo"):
        ratio = results[hi][name][0] / results[lo][name][0]
        lines.append(f"- scaling {hi}/{lo} papers, {name}: {ratio:.2f}× the time for {hi / lo:.0f}× the papers")
table = "\n".join(lines)
print(table)
(bench / "results.md").write_text(table + "\n")
PY
