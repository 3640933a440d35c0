#!/usr/bin/env python3
"""Time from saving one edited paper to its rebuilt page on disk, under `warraq serve`.

    python3 benches/serve_edit.py [CORPUS] [EDITS]

CORPUS is a Warraq site (default target/bench-corpus/warraq-1000, made by benches/build.sh);
it is copied to a temp folder first. Starts the release binary's `serve` on a free port,
edits EDITS papers one after another (default 10), and for each polls the preview file until
the new text is there. Prints each time, the median, and serve's own rebuild lines. The time
includes noticing the change (serve polls every 50 ms).
"""
import os, shutil, statistics, subprocess, sys, tempfile, threading, time
from pathlib import Path

repo = Path(__file__).resolve().parent.parent
corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else repo / "target/bench-corpus/warraq-1000"
edits = int(sys.argv[2]) if len(sys.argv) > 2 else 10
work = Path(tempfile.mkdtemp(prefix="warraq-serve-edit-"))
site, out = work / "site", work / "preview"
shutil.copytree(corpus, site)
proc = subprocess.Popen([str(repo / "target/release/warraq"), "serve", "--root", str(site),
                         "--port", "0", "--out", str(out)], stderr=subprocess.PIPE, text=True)
lines, ready = [], threading.Event()
def read():
    for line in proc.stderr:
        if "warning" in line or line.startswith("  hint"):
            continue
        lines.append(line.rstrip())
        if "serving" in line:
            ready.set()
threading.Thread(target=read, daemon=True).start()
try:
    if not ready.wait(600):
        sys.exit("serve did not start")
    docs = sorted((site / "content").glob("*.md"))
    docs = [d for d in docs if d.name != "_index.md"]
    times = []
    for i in range(edits):
        doc = docs[(i * 97) % len(docs)]
        text = doc.read_text(encoding="utf-8")
        slug = next(l.split(":", 1)[1].strip() for l in text.splitlines() if l.startswith("slug:"))
        marker = f"EDITMARK{i}"
        page = out / slug / "index.html"
        time.sleep(0.3)
        start = time.perf_counter()
        doc.write_text(text.replace("## ", f"## {marker} ", 1), encoding="utf-8")
        while marker not in page.read_text(encoding="utf-8", errors="replace"):
            if time.perf_counter() - start > 60:
                sys.exit("the edit never reached the page")
            time.sleep(0.001)
        times.append((time.perf_counter() - start) * 1000)
    time.sleep(0.3)
    print("edit to page on disk (ms):", ", ".join(f"{t:.0f}" for t in times))
    print(f"median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms")
    print("\n".join(l for l in lines if "rebuild" in l))
finally:
    proc.kill()
    proc.wait()
    shutil.rmtree(work, ignore_errors=True)
