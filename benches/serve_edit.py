#!/usr/bin/env python3
"""Time from saving one edited paper to its rebuilt page on disk, under `warraq serve`; then
check that the preview holds what `warraq build` writes for the same content.

    python3 benches/serve_edit.py [SITE] [EDITS]

SITE is a Warraq site (default target/bench-corpus/warraq-1000, made by benches/build.sh; `.`
for the project's own); its content/ and templates/ are copied to a temp folder first.
Starts the release binary's `serve` on a free port, edits EDITS papers one after another
(default 10), and for each polls the preview file until the new text is there. Prints each
time, the median, and serve's own rebuild lines. Then builds the edited site with `warraq
build` and compares it with the preview, file for file, with the live-reload script taken
out of the preview's pages: any difference is printed and the exit status is 1.
"""
import os, re, shutil, statistics, subprocess, sys, tempfile, threading, time
from pathlib import Path

repo = Path(__file__).resolve().parent.parent
corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else repo / "target/bench-corpus/warraq-1000"
edits = int(sys.argv[2]) if len(sys.argv) > 2 else 10
work = Path(tempfile.mkdtemp(prefix="warraq-serve-edit-"))
site, out = work / "site", work / "preview"
for folder in ("content", "templates"):
    if (corpus / folder).is_dir():
        shutil.copytree(corpus / folder, site / folder)
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
    built = work / "built"
    subprocess.run([str(repo / "target/release/warraq"), "build", "--root", str(site), "--out",
                    str(built)], check=True, stderr=subprocess.DEVNULL)
    script = re.compile(rb"<script>\(function\(\)\{var seen=null;.*?</script>")
    def tree(root):
        return {p.relative_to(root).as_posix(): script.sub(b"", p.read_bytes())
                for p in sorted(root.rglob("*")) if p.is_file()}
    ours, theirs = tree(out), tree(built)
    differ = sorted(p for p in ours.keys() | theirs.keys() if ours.get(p) != theirs.get(p))
    if differ:
        print(f"the preview differs from the build in {len(differ)} file(s):", *differ[:20], sep="\n  ")
        sys.exit(1)
    print(f"the preview equals the build: {len(theirs)} files, byte for byte")
finally:
    proc.kill()
    proc.wait()
    shutil.rmtree(work, ignore_errors=True)
