#!/usr/bin/env bash
# Whole-build benchmark: Warraq against Hugo on the same generated papers, in one run.
#
#   benches/build.sh                      # 1,000 and 5,000 papers, 5 runs each
#   RUNS=3 SIZES="1000" benches/build.sh  # quicker
#
# Steps: build the release binary, examples/crate_floor.rs and examples/write_floor.rs;
# install Hugo (apt) and GNU time if missing; generate the corpora with make_corpus.py (Warraq
# layout from this project, Hugo layout with minification on) under target/bench-corpus/,
# reused while the generator, templates and first document are unchanged; then, per corpus,
# alternate full builds by Warraq, by Hugo and by crate_floor (the same two pages per paper
# made by the bare crates Warraq is built on, without its checks, notes or listings: the floor
# of the design), each into a new output folder, with copying the corpus folder as the I/O
# floor and writing the files of Warraq's site from memory (write_floor, its own timing) as
# the output floor; every run starts after `sync`, so none pays for writing back the output of
# the one before; then time building again over the previous output (as is, and with --full).
# Prints a Markdown table (median wall time, papers per second, peak RSS, ratios, 5k/1k
# scaling) and saves it as target/bench-corpus/results.md.
#
# Environment:
#   MAKE_CORPUS  path of make_corpus.py (default: ../shared/bench/make_corpus.py from the repo)
#   RUNS         runs per tool and corpus (default 5)
#   SIZES        corpus sizes (default "1000 5000")
#   BENCH_DIR    where the corpora go (default target/bench-corpus)
#   BENCH_OUT    where the builds write (default $BENCH_DIR/out; /dev/shm/... for memory)
#   BASELINE     another warraq binary (say, the previous commit's) run in the same rounds, so
#                a change's cost is measured against it under the same load; it reads the
#                corpus without the archive's topics, series and author ids (warraq-N-plain,
#                made by benches/archive_corpus.py --plain), which this binary also builds
#                ("warraq plain")
#                a change's cost is measured against it under the same load
#   SCORE        the search scorer (default: ../shared/search-dev/score.js from the repo); with
#                it, Chromium and tests/browser/node_modules, the search of the first round's
#                site is run on QUERIES (default ../shared/search-dev/corpus_queries.json): the
#                median bytes of search code and index fetched per query and time to results
#   PAGEFIND     Pagefind's command (default: installed with npm as pagefind@1.5.2 under
#                $BENCH_DIR/pagefind); PAGEFIND_SIZES (default "1000", "" for none) are the
#                corpus sizes on whose built site it runs, once: the same site, indexed by it,
#                with its time and memory, its index's size and, with the scorer, the same
#                queries typed into a page that runs Pagefind's own search
#                (../shared/search-dev/pagefind-search.html)
#
# The site search's cost: every round also builds a copy of the corpus with `search: false`
# (warraq-N-nosearch), and the table gives the ratio, the index's size and the query cost.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MAKE_CORPUS=${MAKE_CORPUS:-$ROOT/../shared/bench/make_corpus.py}
RUNS=${RUNS:-5}
SIZES=${SIZES:-"1000 5000"}
BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench-corpus}
BENCH_OUT=${BENCH_OUT:-$BENCH_DIR/out}

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

(cd "$ROOT" && cargo build --release --quiet --bin warraq --example crate_floor --example write_floor)
WARRAQ=$ROOT/target/release/warraq
FLOOR=$ROOT/target/release/examples/crate_floor
WRITE_FLOOR=$ROOT/target/release/examples/write_floor

# A corpus is regenerated when anything it is made from changes.
stamp=$(cat "$MAKE_CORPUS" "$ROOT/benches/archive_corpus.py" "$ROOT"/templates/*.html "$ROOT/content/_index.md" \
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
            if [[ $layout == warraq ]]; then
                # The archive spread over the papers (topics, series, authors, dates), and the
                # same corpus without it for a BASELINE binary that predates the archive.
                rm -rf "$dir-plain"
                cp -r "$dir" "$dir-plain"
                python3 "$ROOT/benches/archive_corpus.py" "$dir"
                python3 "$ROOT/benches/archive_corpus.py" --plain "$dir-plain"
            fi
            echo "$stamp" >"$dir/.stamp"
        fi
    done
    # The same papers with the site search turned off.
    off=$BENCH_DIR/warraq-$n-nosearch
    if [[ $(cat "$off/.stamp" 2>/dev/null) != "$stamp" ]]; then
        rm -rf "$off"
        cp -r "$BENCH_DIR/warraq-$n" "$off"
        sed -i '0,/^---$/!{0,/^---$/s/^---$/search: false\n---/}' "$off/content/_index.md"
    fi
done
SCORE=${SCORE:-$ROOT/../shared/search-dev/score.js}
QUERIES=${QUERIES:-$ROOT/../shared/search-dev/corpus_queries.json}
PAGEFIND_SIZES=${PAGEFIND_SIZES-1000}
if [[ -z ${PAGEFIND:-} && -n $PAGEFIND_SIZES ]] && command -v npm >/dev/null; then
    PAGEFIND=$BENCH_DIR/pagefind/node_modules/.bin/pagefind
    [[ -x $PAGEFIND ]] || npm install --prefix "$BENCH_DIR/pagefind" --no-audit --no-fund --loglevel=error pagefind@1.5.2 >&2
fi
PAGEFIND_PAGE=$(dirname "$SCORE")/pagefind-search.html

PAGEFIND=${PAGEFIND:-} PAGEFIND_SIZES=$PAGEFIND_SIZES PAGEFIND_PAGE=$PAGEFIND_PAGE SCORE=$SCORE QUERIES=$QUERIES NODE_PATH=$ROOT/tests/browser/node_modules BASELINE=${BASELINE:-} WARRAQ=$WARRAQ FLOOR=$FLOOR WRITE_FLOOR=$WRITE_FLOOR HUGO_VERSION="$(hugo version)" python3 - "$BENCH_DIR" "$BENCH_OUT" "$RUNS" $SIZES <<'PY'
import json, os, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

bench, out_root = Path(sys.argv[1]), Path(sys.argv[2])
runs, sizes = int(sys.argv[3]), [int(n) for n in sys.argv[4:]]
warraq, floor, write_floor = (os.environ[k] for k in ("WARRAQ", "FLOOR", "WRITE_FLOOR"))
baseline = os.environ.get("BASELINE") or None
out_root.mkdir(parents=True, exist_ok=True)
scratch = Path(tempfile.mkdtemp(prefix="warraq-bench-", dir=out_root))

def timed(cmd, own_time=False):
    """Runs cmd once, after writing back everything still waiting to be written (on a 2-core
    machine that write-back would otherwise share the cores with whichever run came next);
    returns (seconds, peak RSS in MB). With own_time, the seconds are what cmd prints."""
    subprocess.run(["sync"], check=True)
    rss_file = scratch / "rss"
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(rss_file), *cmd],
                          check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    seconds = float(done.stdout) if own_time else time.perf_counter() - start
    return seconds, int(rss_file.read_text().split()[-1]) / 1024

def output(name, n, r):
    """The folder run r of tool name writes for n papers (`warraq --full` writes Warraq's)."""
    return scratch / f"{name.split()[0]}-{n}-{r}"

def command(name, n, r):
    w, h, out = bench / f"warraq-{n}", bench / f"hugo-{n}", output(name, n, r)
    p = bench / f"warraq-{n}-plain"
    return {
        "warraq": [warraq, "build", "--root", str(w), "--out", str(out)],
        "warraq, search: false": [warraq, "build", "--root", str(bench / f"warraq-{n}-nosearch"), "--out", str(out) + "-nosearch"],
        "warraq --full": [warraq, "build", "--full", "--root", str(w), "--out", str(out)],
        # The baseline reads the corpus without the archive's keys, which it may not know;
        # "warraq plain" is this binary on that corpus.
        "baseline": [baseline or "false", "build", "--root", str(p), "--out", str(out)],
        "warraq plain": [warraq, "build", "--root", str(p), "--out", str(out)],
        "hugo": ["hugo", "--minify", "--quiet", "-s", str(h), "-d", str(out)],
        "cp -r": ["cp", "-r", str(w), str(out)],
        "crate floor": [floor, str(w / "content"), str(out)],
        # Warraq's site of the same round, written again from memory.
        "write floor": [write_floor, str(output("warraq", n, r)), str(out)],
    }[name]

# Every run writes a folder of its own, and no output is deleted until all runs of all sizes
# are done: on ext4 without a journal, creating files soon after deleting many costs more the
# more were deleted, so deleting between runs would make each run pay for the one before.
results, rebuilds = {}, {}
tools = ["warraq", "hugo", "cp -r", "crate floor", "write floor", "warraq, search: false"] + (["baseline", "warraq plain"] if baseline else [])
for n in sizes:
    samples = {name: [] for name in tools}
    for r in range(runs + 1):  # alternating, so load changes hit every tool alike
        for name in tools:
            sample = timed(command(name, n, r), own_time=name == "write floor")
            if r > 0:  # the first round warms the caches and is not counted
                samples[name].append(sample)
    results[n] = {name: (statistics.median(s for s, _ in v), max(m for _, m in v))
                  for name, v in samples.items()}
    print(f"measured {n} papers", file=sys.stderr)
# The everyday case: building again over the previous output (unchanged content). Warraq
# finds its record and leaves the site; with --full it builds every page again, comparing
# each with the previous one.
for n in sizes:
    samples = {name: [] for name in ("warraq", "warraq --full", "hugo")}
    for r in range(runs):
        for name in samples:
            samples[name].append(timed(command(name, n, 0)))
    rebuilds[n] = {name: statistics.median(s for s, _ in v) for name, v in samples.items()}
    print(f"measured rebuilds of {n} papers", file=sys.stderr)
# The search: its index's size in the first round's site, and, with the scorer, what a query
# costs a reader (bytes of search code and index as gzip sends them, time to results).
def scored(site):
    """The scorer's medians over the queries typed into site's search pages, if it can run."""
    score, queries = os.environ.get("SCORE"), os.environ.get("QUERIES")
    if not (score and queries and Path(score).is_file() and shutil.which("node")):
        return {}
    done = subprocess.run(["node", score, str(site), queries], capture_output=True, text=True)
    rows = [json.loads(l) for l in done.stdout.splitlines() if l.startswith("{")]
    if not rows:
        return {}
    return {"query_bytes": statistics.median(r["bytes"] for r in rows),
            "query_ms": statistics.median(r["ms"] for r in rows),
            "answered": sum(1 for r in rows if r["rank"]), "queries": len(rows)}

search, pagefind = {}, {}
for n in sizes:
    site = output("warraq", n, 1)
    files = [f for f in (site / "search").rglob("*") if f.is_file()]
    shards = [f for f in files if f.parent.name == "s"]
    search[n] = {"files": len(files), "bytes": sum(f.stat().st_size for f in files),
                 "shards": sum(f.stat().st_size for f in shards), **scored(site)}
    # Pagefind on the same site: it indexes the built pages (every word of every page, as
    # Warraq's index holds every passage), and the scorer types the same queries into its search.
    command_pf = os.environ.get("PAGEFIND")
    if command_pf and str(n) in os.environ.get("PAGEFIND_SIZES", "").split():
        copy = scratch / f"pagefind-{n}"
        shutil.copytree(site, copy)
        seconds, rss = timed([command_pf, "--site", str(copy)])
        index = [f for f in (copy / "pagefind").rglob("*") if f.is_file()]
        page = Path(os.environ["PAGEFIND_PAGE"])
        if page.is_file():
            for lang, folder in (("ar", copy / "search"), ("en", copy / "en" / "search")):
                folder.mkdir(parents=True, exist_ok=True)
                html = page.read_text().replace('<html lang="ar">', f'<html lang="{lang}">')
                (folder / "index.html").write_text(html)
        pagefind[n] = {"seconds": seconds, "rss": rss, "files": len(index),
                       "bytes": sum(f.stat().st_size for f in index), **scored(copy)}
        shutil.rmtree(copy, ignore_errors=True)
shutil.rmtree(scratch, ignore_errors=True)

version = os.environ["HUGO_VERSION"].split(" ")
lines = [
    f"Warraq against {version[0]} {version[1]} (`hugo --minify`), {runs} alternating runs each"
    f" after one warm-up round, medians; peak RSS is the largest of the runs; {os.cpu_count()}"
    f" cores; output under {out_root}.",
    "",
    "| papers | tool | median wall | papers/s | peak RSS | Hugo time ÷ Warraq time | RSS Warraq ÷ Hugo | ÷ copy time |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
]
for n, r in results.items():
    (ws, wm), (hs, hm), (cs, cm), (fs, fm), (wfs, _) = (r[t] for t in tools[:5])
    lines.append(f"| {n} | warraq | {ws:.3f} s | {n / ws:,.0f} | {wm:.0f} MB | **{hs / ws:.2f}×** | {wm / hm:.2f} | {ws / cs:.1f}× |")
    lines.append(f"| {n} | hugo | {hs:.3f} s | {n / hs:,.0f} | {hm:.0f} MB | | | {hs / cs:.1f}× |")
    lines.append(f"| {n} | crate floor | {fs:.3f} s | {n / fs:,.0f} | {fm:.0f} MB | | | {fs / cs:.1f}× |")
    lines.append(f"| {n} | write floor (Warraq's files, from memory) | {wfs:.3f} s | | | | | {wfs / cs:.1f}× |")
    lines.append(f"| {n} | cp -r (I/O floor) | {cs:.3f} s | | | | | |")
    ns, nm = r["warraq, search: false"]
    lines.append(f"| {n} | warraq, `search: false` | {ns:.3f} s | {n / ns:,.0f} | {nm:.0f} MB | | | {ns / cs:.1f}× |")
    lines.append(f"| {n} | **with search ÷ without** | **{ws / ns:.3f}×** | | | | | |")
    if baseline:
        bs, bm = r["baseline"]
        lines.append(f"| {n} | baseline ({baseline}) | {bs:.3f} s | {n / bs:,.0f} | {bm:.0f} MB | {hs / bs:.2f}× | | {bs / cs:.1f}× |")
        lines.append(f"| {n} | **warraq ÷ baseline** | **{ws / bs:.3f}×** | | | | | |")
        ps, pm = r["warraq plain"]
        lines.append(f"| {n} | warraq, corpus without the archive | {ps:.3f} s | {n / ps:,.0f} | {pm:.0f} MB | | | {ps / cs:.1f}× |")
        lines.append(f"| {n} | **warraq plain ÷ baseline** | **{ps / bs:.3f}×** | | | | | |")
lines += ["", "Building again over the previous output, content unchanged (Warraq: as is, where its"
          " record says nothing changed, and with `--full`, every page built again):", "",
          "| papers | Warraq | Warraq `--full` | Hugo | Hugo time ÷ Warraq time | ÷ Warraq `--full` time |",
          "| ---: | ---: | ---: | ---: | ---: | ---: |"]
for n, r in rebuilds.items():
    w, f, h = r["warraq"], r["warraq --full"], r["hugo"]
    lines.append(f"| {n} | {w:.3f} s | {f:.3f} s | {h:.3f} s | **{h / w:.0f}×** | {h / f:.2f}× |")
lines += ["", "The site search's index (`site/search/`) and, when the scorer ran, a query's cost:", "",
          "| papers | files | bytes | of which word shards | median bytes per query (gzip) | median time to results | queries answered |",
          "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
def query_cells(f):
    """The scorer's three columns of a search's row, or a note that it did not run."""
    if "query_bytes" not in f:
        return "not measured | | "
    return f"{f['query_bytes'] / 1024:.0f} KiB | {f['query_ms']:.0f} ms | {f['answered']}/{f['queries']}"

for n, f in search.items():
    q = query_cells(f)
    lines.append(f"| {n} | {f['files']:,} | {f['bytes'] / 1e6:.1f} MB | {f['shards'] / 1e6:.1f} MB | {q} |")
if pagefind:
    lines += ["", "Pagefind on the same built site (`pagefind --site`, run once after Warraq's build; its"
              " own search page typed into by the same scorer):", "",
              "| papers | time to index | peak RSS | Warraq's whole build with search | index files | bytes | median bytes per query (gzip) | median time to results | queries answered |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n, f in pagefind.items():
        q = query_cells(f)
        lines.append(f"| {n} | {f['seconds']:.1f} s | {f['rss']:.0f} MB | {results[n]['warraq'][0]:.3f} s | {f['files']:,} | {f['bytes'] / 1e6:.1f} MB | {q} |")
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
