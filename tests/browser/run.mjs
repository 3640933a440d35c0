// Reads every page of the built site in headless Chromium, as a reader would, at a phone
// width and a desktop width, and fails on anything a reader would trip over.
//
//   node tests/browser/run.mjs [--site DIR] [--shots DIR] [--no-build] [--warraq BINARY]
//
// It builds the site (release), serves it on 127.0.0.1, and for every page checks: the
// direction of Arabic and English blocks, that Latin islands in Arabic text run left to right
// with their punctuation on the correct side, no horizontal scrolling, footnote links and
// backlinks followed with the keyboard, the aligned abstract (one row per pair when wide,
// stacked when narrow, hover and focus highlighting), footnote previews (hover, focus, stay,
// Escape), axe-core with zero violations (light and dark), no console errors and no request
// to another host; and the search (header field, `?q=` on load, typing, keyboard, odd queries);
// and a figure with its caption, on a fixture site built under a project path. Then `warraq
// serve` on a copy of the content: a broken edit shows the error overlay over the open pages,
// the fix takes it away. Screenshots go to target/browser/.

import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const siteDir = path.resolve(option("--site", path.join(repo, "site")));
const shotsDir = path.resolve(option("--shots", path.join(repo, "target", "browser")));
const WIDTHS = [320, 1280];

const failures = [];
let checks = 0;
function check(ok, what) {
  checks += 1;
  if (!ok) {
    failures.push(what);
    console.log(`  FAIL ${what}`);
  }
}

// ---------------------------------------------------------------------------------------
// Build and serve

if (!args.includes("--no-build")) {
  const built = spawnSync("cargo", ["run", "--release", "--quiet", "--", "build", "--out", siteDir], {
    cwd: repo,
    stdio: "inherit",
  });
  if (built.status !== 0) {
    console.error("the site did not build");
    process.exit(1);
  }
}

// The search's query core under Node first (tests/search/): the test vectors and the index
// of the site just built.
{
  const core = spawnSync(process.execPath, ["--test", path.join(repo, "tests", "search")], {
    cwd: repo,
    env: { ...process.env, WARRAQ_SITE: siteDir },
    encoding: "utf8",
  });
  check(core.status === 0, `node --test tests/search/ failed:\n${core.stdout}${core.stderr}`);
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".bib": "text/plain; charset=utf-8",
  ".ris": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
};

// A fixture site with figures (tests/fixtures/figures), built by the suite and served under a
// project path, `/figures/repo/`: the seed papers have no figures, and none are invented.
const FIGURES = "/figures/repo/";
const figuresDir = path.join(shotsDir, "..", "browser-figures", "site");
{
  const built = spawnSync("cargo", ["run", "--release", "--quiet", "--", "build", "--root", path.join(repo, "tests", "fixtures", "figures"), "--out", figuresDir], {
    cwd: repo,
    stdio: "inherit",
  });
  check(built.status === 0, "the figures fixture did not build");
}

// A static server shaped like GitHub Pages: folders serve index.html, misses serve 404.html.
// Every miss is recorded, also those the browser makes outside the page (such as an icon):
// at the end, only the misses the run asks for on purpose may be there.
const misses = [];
const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  const fixture = url.pathname.startsWith(FIGURES);
  const root = fixture ? figuresDir : siteDir;
  let file = path.join(root, decodeURIComponent(fixture ? url.pathname.slice(FIGURES.length - 1) : url.pathname));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(body);
  } catch {
    misses.push(`${req.method} ${url.pathname}`);
    res.writeHead(404, { "content-type": TYPES[".html"] });
    res.end(await readFile(path.join(siteDir, "404.html")));
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

async function pagesOf(dir, prefix = "") {
  const found = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory() && entry.name !== "assets") {
      found.push(...(await pagesOf(path.join(dir, entry.name), `${prefix}${entry.name}/`)));
    } else if (entry.name === "index.html") {
      found.push(`/${prefix}`);
    }
  }
  return found;
}
const pages = await pagesOf(siteDir);
pages.push("/no-such-page/deeper/");

// ---------------------------------------------------------------------------------------
// Checks run inside the page

/** Every element with lang/dir, and the direction the browser computed for it. */
function directions() {
  const out = [];
  for (const el of document.querySelectorAll("[lang]")) {
    out.push({ lang: el.getAttribute("lang"), dir: getComputedStyle(el).direction, tag: el.tagName });
  }
  const body = document.querySelector(".doc-body");
  return { html: getComputedStyle(document.documentElement).direction, body: body && getComputedStyle(body).direction, out };
}

/**
 * Latin islands inside right-to-left text: their characters must run left to right, the text
 * just before an island (in reading order) must sit to its right, and the text just after it
 * to its left. Only characters on the island's own line are compared.
 */
function islands() {
  const rectOf = (node, i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const r = [...range.getClientRects()].find((x) => x.width > 0);
    return r || null;
  };
  const chars = (el) => {
    const out = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        if (/\s/.test(n.data[i])) continue;
        const r = rectOf(n, i);
        if (r) out.push({ ch: n.data[i], r });
      }
    }
    return out;
  };
  const neighbour = (el, forward) => {
    // The nearest visible character outside the island, in reading order.
    const root = el.closest("p, li, h1, h2, h3, h4, blockquote, dd, td") || el.parentElement;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    const inside = (n) => el.contains(n);
    const start = nodes.findIndex(inside);
    let end = start;
    while (end + 1 < nodes.length && inside(nodes[end + 1])) end++;
    const list = forward ? nodes.slice(end + 1) : nodes.slice(0, start).reverse();
    for (const n of list) {
      const order = forward ? [...Array(n.data.length).keys()] : [...Array(n.data.length).keys()].reverse();
      for (const i of order) {
        if (/\s/.test(n.data[i])) continue;
        const r = rectOf(n, i);
        if (r) return { ch: n.data[i], r };
      }
    }
    return null;
  };
  const problems = [];
  const found = [...document.querySelectorAll('bdi[dir="ltr"]')].filter(
    (el) => el.parentElement && getComputedStyle(el.parentElement).direction === "rtl",
  );
  const sameLine = (a, b) => Math.abs(a.top + a.height / 2 - (b.top + b.height / 2)) < Math.min(a.height, b.height) / 2;
  for (const el of found) {
    if (getComputedStyle(el).direction !== "ltr") problems.push(`not ltr: ${el.textContent}`);
    const cs = chars(el);
    if (cs.length === 0) continue;
    for (let i = 1; i < cs.length; i++) {
      if (sameLine(cs[i - 1].r, cs[i].r) && cs[i].r.left < cs[i - 1].r.left - 1) {
        problems.push(`"${el.textContent}": "${cs[i].ch}" is left of "${cs[i - 1].ch}"`);
        break;
      }
    }
    const first = cs[0].r;
    const last = cs[cs.length - 1].r;
    const before = neighbour(el, false);
    const after = neighbour(el, true);
    if (before && sameLine(before.r, first) && before.r.left < first.left) {
      problems.push(`"${el.textContent}": the preceding "${before.ch}" is on its left`);
    }
    if (after && sameLine(after.r, last) && after.r.right > last.right + 1) {
      problems.push(`"${el.textContent}": the following "${after.ch}" is on its right`);
    }
  }
  return { count: found.length, problems, texts: found.map((el) => el.textContent) };
}

/** Geometry of the aligned abstract rows. */
function abstractRows() {
  return [...document.querySelectorAll(".abstract-row")].map((row) => {
    const ar = row.querySelector(".abstract-ar").getBoundingClientRect();
    const en = row.querySelector(".abstract-en").getBoundingClientRect();
    return { id: row.id, ar: { top: ar.top, bottom: ar.bottom, left: ar.left, right: ar.right }, en: { top: en.top, bottom: en.bottom, left: en.left, right: en.right } };
  });
}

// ---------------------------------------------------------------------------------------
// The run

const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
await mkdir(shotsDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});

async function runAxe(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  });
  check(result.length === 0, `${label}: axe-core violations: ${result.join("; ")}`);
}

// Records a page's script errors, and refuses (and records) every request to another host.
async function watch(page) {
  const seen = { errors: [], foreign: [] };
  page.on("console", (msg) => {
    if (msg.type() === "error") seen.errors.push(msg.text());
  });
  page.on("pageerror", (err) => seen.errors.push(String(err)));
  await page.route("**/*", (route) => {
    const target = route.request().url();
    if (target.startsWith(origin) || target.startsWith("data:")) return route.continue();
    seen.foreign.push(target);
    return route.abort();
  });
  return seen;
}

const shotName = (url, width, suffix = "") =>
  path.join(shotsDir, `${(url.replace(/^\/|\/$/g, "").replace(/\//g, "_") || "home")}-${width}${suffix}.png`);

for (const width of WIDTHS) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: "reduce" });
  for (const url of pages) {
    const label = `${url} @${width}px`;
    console.log(label);
    const page = await context.newPage();
    const { errors, foreign } = await watch(page);
    const missing = [];
    page.on("response", (r) => {
      if (r.status() >= 400) missing.push(`${r.request().method()} ${r.url()}`);
    });
    const response = await page.goto(origin + url, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    const notFound = url.startsWith("/no-such-page");
    check(notFound ? response.status() === 404 : response.status() === 200, `${label}: HTTP ${response.status()}`);

    await page.screenshot({ path: shotName(url, width) });
    await page.screenshot({ path: shotName(url, width, "-full"), fullPage: true });
    for (const [part, selector] of [["abstract", "#abstract"], ["toc", "#toc"], ["body", "#content"], ["notes", "#notes"]]) {
      if ((await page.$(selector)) === null) continue;
      await page.$eval(selector, (el) => el.scrollIntoView());
      await page.screenshot({ path: shotName(url, width, `-${part}`) });
    }
    await page.evaluate(() => window.scrollTo(0, 0));

    // Skip link
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => document.activeElement && document.activeElement.className);
    check(skip === "skip-link", `${label}: the first Tab stop is ${skip}, not the skip link`);
    const skipVisible = await page.$eval(".skip-link", (a) => {
      const r = a.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && getComputedStyle(a).outlineStyle !== "none";
    });
    check(skipVisible, `${label}: the focused skip link is not visible with a focus ring`);


    // Direction
    const dirs = await page.evaluate(directions);
    const lang = await page.evaluate(() => document.documentElement.lang);
    check(dirs.html === (lang === "ar" ? "rtl" : "ltr"), `${label}: <html lang=${lang}> computes ${dirs.html}`);
    if (dirs.body !== null) check(dirs.body === "rtl", `${label}: the Arabic body computes ${dirs.body}`);
    for (const el of dirs.out) {
      const want = el.lang === "ar" ? "rtl" : el.lang === "en" ? "ltr" : null;
      if (want) check(el.dir === want, `${label}: <${el.tag} lang=${el.lang}> computes ${el.dir}`);
    }

    // No horizontal scrolling at any width
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflow <= 0, `${label}: scrolls sideways by ${overflow}px`);

    // Latin islands in Arabic text
    const isl = await page.evaluate(islands);
    for (const p of isl.problems) check(false, `${label}: ${p}`);
    if (url === "/turkey-karabakh-2020/") {
      check(isl.texts.includes("Alkan, n.d."), `${label}: the citation (Alkan, n.d.) is not an isolated island`);
    }

    // Aligned abstract
    const rows = await page.evaluate(abstractRows);
    for (const row of rows) {
      if (width >= 1000) {
        check(Math.abs(row.ar.top - row.en.top) < 4, `${label}: #${row.id} halves do not start on one row`);
        check(row.ar.left > row.en.right - 1, `${label}: #${row.id} Arabic is not on the right`);
      } else {
        check(row.en.top >= row.ar.bottom - 1 || row.ar.top >= row.en.bottom - 1, `${label}: #${row.id} halves are not stacked`);
      }
    }
    if (rows.length > 0) {
      const first = rows[0].id;
      const bg = (sel) => page.$eval(sel, (el) => getComputedStyle(el).backgroundColor);
      const plain = await bg(`#${first}-en`);
      await page.hover(`#${first}-ar`);
      check((await bg(`#${first}-en`)) !== plain, `${label}: hovering the Arabic sentence does not highlight the English one`);
      await page.mouse.move(0, 0);
      await page.focus(`#${first} .pair-link`);
      check((await bg(`#${first}-ar`)) !== plain && (await bg(`#${first}-en`)) !== plain, `${label}: focusing a pair does not highlight it`);
      const pairHref = await page.$eval(`#${first} .pair-link`, (a) => a.getAttribute("href"));
      check(pairHref === `#${first}`, `${label}: the pair link is ${pairHref}`);
    }

    // Footnotes: every reference and backlink, followed with the keyboard
    const refs = await page.$$eval('a[role="doc-noteref"]', (links) => links.map((a) => ({ id: a.id, href: a.getAttribute("href") })));
    if (width === 1280) {
      for (const ref of refs) {
        await page.focus(`[id="${ref.id}"]`);
        await page.keyboard.press("Escape");
        await page.keyboard.press("Enter");
        const hash = await page.evaluate(() => location.hash);
        check(hash === ref.href, `${label}: Enter on ${ref.id} went to ${hash}, not ${ref.href}`);
        const back = `${ref.href} a[role="doc-backlink"][href="#${ref.id}"]`;
        const hasBack = (await page.$(back)) !== null;
        check(hasBack, `${label}: note ${ref.href} has no backlink to ${ref.id}`);
        if (!hasBack) continue;
        await page.focus(back);
        await page.keyboard.press("Enter");
        const returned = await page.evaluate(() => location.hash);
        check(returned === `#${ref.id}`, `${label}: the backlink went to ${returned}, not #${ref.id}`);
        const visible = await page.$eval(`[id="${ref.id}"]`, (a) => {
          const r = a.getBoundingClientRect();
          return r.bottom > 0 && r.top < window.innerHeight;
        });
        check(visible, `${label}: after the backlink, ${ref.id} is not in view`);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
    }

    // Footnote previews: hover, stay while hovered, Escape; keyboard focus
    if (refs.length > 0) {
      const ref = refs[refs.length > 1 ? 1 : 0];
      const sel = `[id="${ref.id}"]`;
      const noteText = await page.$eval(ref.href.replace("#", "#"), (li) => li.textContent.replace(/↑\S*/g, "").trim().slice(0, 20));
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
      await page.keyboard.press("Escape");
      await page.mouse.move(0, 0);
      const preview = page.locator("#note-preview");
      check((await preview.count()) === 0 || !(await preview.isVisible()), `${label}: a preview is open before hovering`);
      await page.hover(sel);
      await preview.waitFor({ state: "visible", timeout: 2000 }).catch(() => {});
      const shown = await preview.isVisible();
      check(shown, `${label}: hovering ${ref.id} shows no preview`);
      if (shown) {
        check((await preview.textContent()).includes(noteText), `${label}: the preview of ${ref.id} lacks the note's text`);
        const box = await preview.boundingBox();
        check(box.x >= 0 && box.x + box.width <= width, `${label}: the preview sticks out of the window`);
        check((await page.$eval(sel, (a) => a.getAttribute("aria-describedby"))) === "note-preview", `${label}: the reference is not described by its preview`);
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
        await page.waitForTimeout(600);
        check(await preview.isVisible(), `${label}: the preview closes while hovered`);
        await page.screenshot({ path: shotName(url, width, "-preview") });
        await page.keyboard.press("Escape");
        check(!(await preview.isVisible()), `${label}: Escape does not close the preview`);
        await page.mouse.move(0, 0);
        await page.focus(sel);
        check(await preview.isVisible(), `${label}: keyboard focus on ${ref.id} shows no preview`);
        await page.keyboard.press("Escape");
        check(!(await preview.isVisible()), `${label}: Escape does not close the focused preview`);
        await page.evaluate(() => document.activeElement && document.activeElement.blur());
      }
    }

    await runAxe(page, label);

    // The 404 page is itself a 404, and without a base URL it asks which folder above it is
    // the site root; the browser logs each of those answers. Nothing else may fail.
    const expected = notFound
      ? missing.filter((m) => m === `GET ${origin}${url}` || /^HEAD .*\/assets\/style\.css$/.test(m))
      : [];
    check(missing.length === expected.length, `${label}: failed requests: ${missing.join(" ")}`);
    const unexplained = errors.filter((e) => !(notFound && e.startsWith("Failed to load resource")));
    check(unexplained.length === 0 && errors.length <= expected.length, `${label}: console errors: ${errors.join(" | ")}`);
    check(foreign.length === 0, `${label}: requests to other hosts: ${foreign.join(" ")}`);
    await page.close();
  }
  await context.close();
}

// Dark mode and print, once per page at desktop width
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: "dark" });
  for (const url of pages.filter((u) => !u.startsWith("/no-such-page"))) {
    const label = `${url} dark`;
    const page = await context.newPage();
    await page.goto(origin + url, { waitUntil: "load" });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    check(bg !== "rgb(253, 252, 248)", `${label}: the dark scheme is not applied (${bg})`);
    await runAxe(page, label);
    await page.screenshot({ path: shotName(url, 1280, "-dark") });
    await page.emulateMedia({ media: "print", colorScheme: "light" });
    const print = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector(".site-header")).display,
      notes: document.querySelector(".notes") && getComputedStyle(document.querySelector(".notes")).display,
    }));
    check(print.header === "none", `${label}: print shows the site header`);
    if (print.notes !== null) check(print.notes !== "none", `${label}: print hides the notes`);
    await page.close();
  }
  await context.close();
}

// Search: the header's field leads there, `?q=` runs on load, typing keeps the address, the
// keyboard reaches the results and follows one to its passage; odd queries are shown as text.
// In both languages, narrow and wide, light and dark.
for (const [ui, width, scheme, query] of [
  ["search/", 320, "light", "لروسيا"],
  ["search/", 1280, "dark", "مجلس الامن"],
  ["en/search/", 1280, "light", "Aliyev"],
  ["en/search/", 320, "dark", "قره باغ"],
]) {
  const label = `/${ui} @${width}px ${scheme}`;
  console.log(label);
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, reducedMotion: "reduce" });
  const page = await context.newPage();
  const { errors, foreign } = await watch(page);
  const results = () => page.$$eval("#search-results li a", (as) => as.map((a) => a.getAttribute("href")));
  const waitFor = (q) =>
    page.waitForFunction((q) => {
      const busy = document.getElementById("search-results").getAttribute("aria-busy");
      return new URLSearchParams(location.search).get("q") === q && busy === "false";
    }, q, { timeout: 5000 }).then(() => true, () => false);

  // The header's field, from the home page of the same language, submits to the search page.
  await page.goto(`${origin}/${ui.replace("search/", "")}`, { waitUntil: "load" });
  await page.fill(".site-search input", query);
  await page.press(".site-search input", "Enter");
  await page.waitForLoadState("load");
  check(new URL(page.url()).pathname === `/${ui}`, `${label}: the header's field went to ${page.url()}`);
  check(await waitFor(query), `${label}: ?q=${query} did not run on load`);
  check((await page.inputValue("#search-q")) === query, `${label}: the field does not show the query`);
  let hrefs = await results();
  check(hrefs.length > 0 && hrefs.length <= 10, `${label}: ${hrefs.length} results for ${query}`);
  check(hrefs.every((h) => /^(\.\.\/)+[a-z0-9-]+\/#[^#\s]+$/.test(h)), `${label}: results are not passage addresses: ${hrefs.slice(0, 3).join(" ")}`);
  check((await page.$$("#search-results mark")).length > 0, `${label}: no matched word is marked`);
  const status = await page.textContent("#search-status");
  check(/\d|[٠-٩]/.test(status), `${label}: the status does not count the results: ${status}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `${label}: scrolls sideways by ${overflow}px`);
  const dir = await page.evaluate(() => getComputedStyle(document.querySelector("#search-results")).direction);
  check(dir === (ui === "search/" ? "rtl" : "ltr"), `${label}: the results run ${dir}`);
  await page.screenshot({ path: shotName(`/${ui}`, width, `-results-${scheme}`), fullPage: true });
  await runAxe(page, label);

  // Typing: the address follows (replaceState), the results change.
  await page.fill("#search-q", "");
  await page.type("#search-q", "موسكو");
  check(await waitFor("موسكو"), `${label}: typing did not update the address (${page.url()})`);
  hrefs = await results();
  check(hrefs.length > 0, `${label}: no results after typing موسكو`);
  check((await page.evaluate(() => history.length)) <= 3, `${label}: typing added history entries`);

  // Keyboard: from the field down to the first result, then Enter lands on its passage.
  await page.focus("#search-q");
  await page.keyboard.press("ArrowDown");
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute("href"));
  check(focused === hrefs[0], `${label}: ArrowDown focused ${focused}, not the first result`);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  const back = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute("href"));
  check(back === hrefs[0], `${label}: ArrowUp did not return to the first result`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  const landed = await page.evaluate(() => ({ hash: decodeURIComponent(location.hash.slice(1)), found: !!document.getElementById(decodeURIComponent(location.hash.slice(1))) }));
  check(landed.found, `${label}: the first result's passage #${landed.hash} is not on its page`);
  await page.goBack();
  await page.waitForLoadState("load");

  // Odd queries: markup stays text, one letter asks for more, punctuation and long queries answer.
  for (const odd of ["<img src=x onerror=window.__hit=1>", "ا", "؟!،", "Alkan قره باغ 2020 " + "ب".repeat(1000)]) {
    await page.goto(`${origin}/${ui}?q=${encodeURIComponent(odd)}`, { waitUntil: "load" });
    const ran = await waitFor(odd.slice(0, 2000));
    const state = await page.evaluate(() => ({
      imgs: document.querySelectorAll("main img").length,
      hit: window.__hit === 1,
      status: document.getElementById("search-status").textContent,
    }));
    check(ran && state.status !== "", `${label}: ${JSON.stringify(odd.slice(0, 30))} gave no answer`);
    check(state.imgs === 0 && !state.hit, `${label}: the query's markup became markup`);
  }
  check(errors.length === 0, `${label}: console errors: ${errors.join(" | ")}`);
  check(foreign.length === 0, `${label}: requests to other hosts: ${foreign.join(" ")}`);
  await context.close();
}

// Opened from disk: the home page links through to a paper and back to the English home.
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.goto(`file://${siteDir}/index.html`);
  await page.click(".entry-title a");
  await page.waitForLoadState("load");
  check(page.url().endsWith("/index.html") && (await page.$("h1.doc-title")) !== null, `from disk: the first paper did not open (${page.url()})`);
  await page.click(".lang-switch");
  await page.waitForLoadState("load");
  check((await page.$("h1.doc-title")) !== null && (await page.evaluate(() => document.documentElement.lang)) === "en", `from disk: the paper's English page did not open (${page.url()})`);
  check(errors.length === 0, `from disk: script errors: ${errors.join(" | ")}`);
  await context.close();
}

// The editor's apparatus: sic marks read apart from the word they follow, editorial notes in
// Arabic with the English behind a toggle, and in English on the paper's English page.
for (const width of WIDTHS) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  const label = `editor's apparatus @${width}px`;
  await page.goto(`${origin}/azerbaijan-turkey-israel/`, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready);
  const arabicMarks = page.getByRole("note", { name: "كذا في الأصل" });
  check((await arabicMarks.count()) === 11, `${label}: ${await arabicMarks.count()} Arabic sic marks are named «كذا في الأصل», not 11`);
  const englishMarks = page.getByRole("note", { name: "sic: so in the source" });
  check((await englishMarks.count()) === 1, `${label}: ${await englishMarks.count()} English sic marks are named "sic: so in the source", not 1`);
  // The accessibility tree has the slip as text and the mark as a note of its own.
  const paragraph = page.locator("p", { has: page.locator("small.sic") }).first();
  const tree = await paragraph.ariaSnapshot();
  check(/- note "كذا في الأصل"/.test(tree), `${label}: the sic mark is not a named note in the accessibility tree: ${tree.slice(0, 200)}`);
  check(!/لبأكو\[كذا\]|لبأكو كذا/.test(tree), `${label}: the sic mark is read as part of the word`);
  const looks = await page.evaluate(() => {
    const mark = document.querySelector("small.sic[lang=ar]");
    const word = mark.previousSibling;
    const range = document.createRange();
    range.setStart(word, Math.max(0, word.data.length - 5));
    range.setEnd(word, word.data.length);
    const w = range.getBoundingClientRect();
    const m = mark.getBoundingClientRect();
    const english = document.querySelector("small.sic[lang=en]");
    const slip = english.previousSibling;
    const r2 = document.createRange();
    r2.setStart(slip, slip.data.length - 6);
    r2.setEnd(slip, slip.data.length);
    const s = r2.getBoundingClientRect();
    const e = english.getBoundingClientRect();
    return {
      smaller: parseFloat(getComputedStyle(mark).fontSize) < parseFloat(getComputedStyle(mark.parentElement).fontSize),
      // In Arabic text the mark follows the word to its left, with a gap.
      arabicGap: w.top === m.top || Math.abs(w.bottom - m.bottom) < 8 ? w.left - m.right : null,
      // After a Latin slip it follows the slip to its right, inside the same island.
      englishGap: Math.abs(s.bottom - e.bottom) < 8 ? e.left - s.right : null,
      englishInIsland: english.closest("bdi[dir=ltr]") !== null,
    };
  });
  check(looks.smaller, `${label}: the sic mark is not smaller than the text`);
  if (looks.arabicGap !== null) check(looks.arabicGap > 0, `${label}: the Arabic sic mark touches or precedes its word (gap ${looks.arabicGap}px)`);
  if (looks.englishGap !== null) check(looks.englishGap > 0, `${label}: "[sic]" does not follow "Groung" on its right (gap ${looks.englishGap}px)`);
  check(looks.englishInIsland, `${label}: "[sic]" is outside the Latin island`);
  await page.locator("small.sic").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotName("/azerbaijan-turkey-israel/", width, "-sic") });

  // Editorial notes: Arabic, then the English behind a closed toggle that the keyboard opens.
  const notes = await page.evaluate(() => {
    const section = document.querySelector("#editorial-notes");
    const first = section.querySelector(":scope > ul > li");
    const details = section.querySelector("details.editorial-other");
    return { dir: getComputedStyle(first).direction, lang: first.closest("[lang]").lang, open: details.open, englishVisible: details.querySelector("li").checkVisibility() };
  });
  check(notes.dir === "rtl" && notes.lang === "ar", `${label}: the editorial notes are not Arabic right to left (${notes.lang}, ${notes.dir})`);
  check(!notes.open && !notes.englishVisible, `${label}: the English editorial notes are shown before the toggle is opened`);
  await page.focus("details.editorial-other > summary");
  await page.keyboard.press("Enter");
  const opened = await page.evaluate(() => {
    const li = document.querySelector("details.editorial-other li");
    return { open: li.closest("details").open, dir: getComputedStyle(li).direction, visible: li.checkVisibility() };
  });
  check(opened.open && opened.visible && opened.dir === "ltr", `${label}: Enter on the toggle does not show the English notes left to right`);
  await page.locator("#editorial-notes").scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotName("/azerbaijan-turkey-israel/", width, "-editorial") });
  await runAxe(page, `${label} (toggle open)`);

  await page.goto(`${origin}/en/azerbaijan-turkey-israel/`, { waitUntil: "load" });
  const english = await page.evaluate(() => {
    const items = [...document.querySelectorAll("#editorial-notes > ul > li")];
    return { count: items.length, dir: items.length ? getComputedStyle(items[0]).direction : null, text: items.length ? items[0].textContent : "" };
  });
  check(english.count >= 9 && english.dir === "ltr" && /^The title and byline/.test(english.text), `${label}: the English page's editorial notes (${english.count}, ${english.dir}, ${english.text.slice(0, 40)})`);
  await page.locator("#editorial-notes").scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotName("/en/azerbaijan-turkey-israel/", width, "-editorial") });
  await context.close();
}

// The archive: a topic page's heading, the byline's author link followed to the author's
// page, the topic index with its counts, the reading time and the home's links to the index
// pages, at each width. Paging needs more than 20 papers (`tests/it/archive.rs` checks it
// on a generated site): the seed site's lists fit one page, so they carry no paging links and
// there is no second page.
for (const width of WIDTHS) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  const label = `archive @${width}px`;
  await page.goto(`${origin}/topics/azerbaijan/`, { waitUntil: "load" });
  check((await page.locator("h1").textContent()) === "أذربيجان", `${label}: the topic page's heading is not its name`);
  check((await page.locator(".entry").count()) === 3, `${label}: the topic page does not list its three papers`);
  await page.goto(`${origin}/azerbaijan-turkey-israel/`, { waitUntil: "load" });
  const author = page.locator(".byline .author a").first();
  check((await author.textContent()) === "د. سعيد وليد الحاج", `${label}: the byline's name is not a link`);
  await author.focus();
  await Promise.all([page.waitForURL("**/authors/said-walid-al-hajj/"), page.keyboard.press("Enter")]);
  check((await page.locator("h1").textContent()) === "د. سعيد وليد الحاج", `${label}: the author page's heading is not the name`);
  check((await page.locator(".list-title-other").textContent()).includes("Said Walid al-Hajj"), `${label}: the author page lacks the romanised name`);
  await page.screenshot({ path: shotName("/authors/said-walid-al-hajj/", width, "-followed") });
  await page.goto(`${origin}/en/topics/`, { waitUntil: "load" });
  const lines = await page.locator(".index-of li").allTextContents();
  check(lines.length === 5 && lines.some((l) => /^Azerbaijan .*\(3\)$/.test(l)), `${label}: the English topic index (${lines.join(" | ")})`);
  await page.goto(`${origin}/`, { waitUntil: "load" });
  const nav = await page.locator(".archive-nav a").allTextContents();
  check(nav.join(",") === "المواضيع,المؤلفون", `${label}: the home's archive links (${nav.join(",")})`);
  const reading = await page.locator(".entry-meta").first().textContent();
  check(/مدة القراءة: /.test(reading), `${label}: no reading time in the home's entries (${reading})`);
  for (const url of ["/", "/en/", "/topics/azerbaijan/", "/en/topics/azerbaijan/", "/authors/said-walid-al-hajj/", "/en/authors/said-walid-al-hajj/"]) {
    await page.goto(`${origin}${url}`, { waitUntil: "load" });
    const paging = await page.locator("link[rel=next], link[rel=prev], a[rel=next], a[rel=prev], nav.paging").count();
    check(paging === 0, `${label}: ${url} has paging links though its list fits one page`);
  }
  for (const url of ["/page/2/", "/topics/azerbaijan/page/2/"]) {
    const response = await page.goto(`${origin}${url}`, { waitUntil: "load" });
    check(response.status() === 404, `${label}: ${url} exists though its list fits one page (HTTP ${response.status()})`);
  }
  await context.close();
}

// ---------------------------------------------------------------------------------------
// `warraq serve`: a broken edit shows the error over the open pages, in their language, and
// the fix takes it away. Run on a copy of the site's content, never on the content itself.
{
  const binary = path.resolve(option("--warraq", path.join(process.env.CARGO_TARGET_DIR || path.join(repo, "target"), "release", "warraq")));
  const work = await mkdtemp(path.join(tmpdir(), "warraq-serve-"));
  await cp(path.join(repo, "content"), path.join(work, "content"), { recursive: true });
  const file = "content/azerbaijan-turkey-israel.md";
  const original = await readFile(path.join(work, file), "utf8");
  // The first paragraph of the body, which gets a reference to a note that does not exist.
  const lines = original.split("\n");
  const fence = lines.indexOf("---", 1);
  const at = lines.findIndex((l, i) => i > fence && /^\p{Script=Arabic}/u.test(l));
  lines[at] += "[^warraq-no-such-note]";
  const broken = lines.join("\n");
  const where = `${file}:${at + 1}:`;

  const serve = spawn(binary, ["serve", "--port", "0", "--out", path.join(work, "preview")], { cwd: work, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  const address = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 120000);
    serve.stderr.on("data", (chunk) => {
      log += chunk;
      const found = /serving .* at (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    serve.on("exit", () => resolve(null));
  });
  check(address !== null, `serve did not start: ${log}`);
  const waitLog = (needle) =>
    new Promise((resolve) => {
      const from = log.length;
      const timer = setInterval(() => {
        if (log.slice(from).includes(needle)) {
          clearInterval(timer);
          resolve(true);
        }
      }, 50);
      setTimeout(() => {
        clearInterval(timer);
        resolve(false);
      }, 60000);
    });

  if (address !== null) {
    const cases = [
      { url: "/azerbaijan-turkey-israel/", lang: "ar", title: "تعذّر بناء آخر تعديل", width: 320, scheme: "light" },
      { url: "/en/", lang: "en", title: "The last edit did not build", width: 320, scheme: "dark" },
      { url: "/azerbaijan-turkey-israel/", lang: "ar", title: "تعذّر بناء آخر تعديل", width: 1280, scheme: "dark" },
      { url: "/en/", lang: "en", title: "The last edit did not build", width: 1280, scheme: "light" },
    ];
    const opened = [];
    for (const c of cases) {
      const context = await browser.newContext({ viewport: { width: c.width, height: 700 }, colorScheme: c.scheme, reducedMotion: "reduce" });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (err) => errors.push(String(err)));
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(msg.text());
      });
      await page.goto(address + c.url, { waitUntil: "load" });
      opened.push({ ...c, context, page, errors, label: `serve ${c.url} @${c.width}px ${c.scheme}` });
    }
    // Each page has taken the live-reload script's first answer before the edit.
    await new Promise((r) => setTimeout(r, 1200));

    await writeFile(path.join(work, file), broken);
    check(await waitLog("shown over its pages"), `serve did not report the broken edit: ${log}`);
    for (const o of opened) {
      const { page, label } = o;
      const shown = await page.waitForSelector("#warraq-errors", { timeout: 15000 }).then(() => true, () => false);
      check(shown, `${label}: no error overlay after a broken edit`);
      if (!shown) continue;
      const seen = await page.evaluate(() => {
        const box = document.getElementById("warraq-errors");
        const style = getComputedStyle(box);
        return {
          role: box.getAttribute("role"),
          lang: box.lang,
          dir: style.direction,
          title: box.querySelector("h2").textContent,
          where: [...box.querySelectorAll(".where")].map((e) => e.textContent),
          focused: document.activeElement === box,
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          inside: box.scrollWidth - box.clientWidth,
          bg: style.backgroundColor,
          fg: style.color,
        };
      });
      check(seen.role === "alertdialog" && seen.focused, `${label}: the overlay is not a focused alert dialog (${seen.role}, ${seen.focused})`);
      check(seen.lang === o.lang && seen.dir === (o.lang === "ar" ? "rtl" : "ltr"), `${label}: the overlay is in ${seen.lang} ${seen.dir}`);
      check(seen.title === o.title, `${label}: the overlay's title is ${seen.title}`);
      check(seen.where.some((w) => w.startsWith(where)), `${label}: the overlay does not point at ${where}: ${seen.where.join(" ")}`);
      check(seen.overflow <= 0 && seen.inside <= 0, `${label}: the overlay scrolls sideways (${seen.overflow}, ${seen.inside})`);
      check(o.scheme === "dark" ? seen.bg !== "rgb(255, 248, 246)" : seen.bg === "rgb(255, 248, 246)", `${label}: the overlay's background is ${seen.bg} in ${o.scheme}`);
      await page.screenshot({ path: path.join(shotsDir, `serve-overlay-${o.lang}-${o.width}-${o.scheme}.png`) });
      await runAxe(page, `${label} (overlay)`);
    }
    // Escape dismisses it (on one page), and focus goes back to the page.
    {
      const { page, label } = opened[0];
      await page.keyboard.press("Escape");
      const gone = await page.evaluate(() => document.getElementById("warraq-errors") === null);
      check(gone, `${label}: Escape does not dismiss the overlay`);
    }

    // Fixed: each page reloads with the good build, and no overlay is left.
    const reloaded = opened.map((o) => o.page.waitForEvent("load", { timeout: 30000 }).then(() => true, () => false));
    await writeFile(path.join(work, file), original);
    check(await waitLog("no error remains"), `serve did not report the fix: ${log}`);
    for (const [i, o] of opened.entries()) {
      const { page, label } = o;
      check(await reloaded[i], `${label}: the page did not reload after the fix`);
      await new Promise((r) => setTimeout(r, 1200));
      const gone = await page.evaluate(() => document.getElementById("warraq-errors") === null);
      check(gone, `${label}: the overlay stays after the fix`);
      check(o.errors.length === 0, `${label}: console errors: ${o.errors.join(" | ")}`);
      await o.context.close();
    }

    // A removed file: the terminal names it.
    await rm(path.join(work, "content/turkey-karabakh-2020.md"));
    check(await waitLog("removed content/turkey-karabakh-2020.md"), `serve did not say a file was removed: ${log}`);
  }
  serve.kill();
  await rm(work, { recursive: true, force: true });
}

// A title's mark («[عنوان من وضع المحرر]», "[editor's translation]") never breaks inside its
// brackets: each is one line box at 1280 px, on every page that has one (at 320 px a mark in a
// heading may be wider than the line; the sideways-scroll check above covers it there).
for (const width of [1280]) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  let marks = 0;
  for (const url of pages.filter((u) => !u.startsWith("/no-such-page"))) {
    await page.goto(origin + url, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    const broken = await page.evaluate(() => [...document.querySelectorAll("span.supplied")].map((s) => ({ text: s.textContent, lines: new Set([...s.getClientRects()].map((r) => Math.round(r.top))).size })));
    marks += broken.length;
    for (const mark of broken) check(mark.lines === 1, `${url} @${width}px: the mark ${mark.text} breaks over ${mark.lines} lines`);
  }
  check(marks > 0, `@${width}px: no title mark found on any page`);
  await page.goto(`${origin}/turkey-karabakh-2020/`, { waitUntil: "load" });
  await page.screenshot({ path: shotName("/turkey-karabakh-2020/", width, "-title-mark") });
  await context.close();
}

// ---------------------------------------------------------------------------------------
// Old addresses (tests/fixtures/old-addresses, built on its own): a renamed paper's former
// address sends the reader to the same fragment of its new page, with or without JavaScript;
// a withdrawn paper's address says so in both languages.
{
  const fixture = path.join(repo, "tests", "fixtures", "old-addresses");
  const oldSite = path.join(shotsDir, "old-addresses-site");
  const built = spawnSync("cargo", ["run", "--release", "--quiet", "--", "build", "--full", "--root", fixture, "--out", oldSite], {
    cwd: repo,
    stdio: "inherit",
  });
  check(built.status === 0, "the old-addresses fixture did not build");
  const oldServer = createServer(async (req, res) => {
    let file = path.join(oldSite, decodeURIComponent(new URL(req.url, "http://localhost").pathname));
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => oldServer.listen(0, "127.0.0.1", resolve));
  const at = `http://127.0.0.1:${oldServer.address().port}`;
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: "reduce" });
    const page = await context.newPage();
    for (const [from, to] of [
      ["/arabic-paper/#introduction-p1", "/arabic-paper-renamed/#introduction-p1"],
      ["/en/arabic-paper/#abstract-s1", "/en/arabic-paper-renamed/#abstract-s1"],
    ]) {
      await page.goto(at + from);
      await page.waitForURL(at + to, { timeout: 5000 }).catch(() => {});
      const landed = await page.evaluate(() => ({ url: location.pathname + location.hash, target: document.querySelector(":target")?.id ?? null }));
      check(landed.url === to && landed.target === to.split("#")[1], `${from} @${width}px: landed on ${landed.url} (target ${landed.target}), not ${to}`);
    }
    await page.screenshot({ path: shotName("/old-addresses/arabic-paper-renamed/", width, "-landed") });
    // The moved page itself, kept on screen: served as built but with its way on (the script's
    // call and the refresh) taken out.
    await page.route(`${at}/arabic-paper/`, async (route) => {
      const body = (await (await route.fetch()).text()).replace("location.replace(", "void (").replace(/<noscript>.*?<\/noscript>/, "");
      await route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body });
    });
    await page.goto(`${at}/arabic-paper/`, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    const moved = await page.evaluate(() => ({ h1: document.querySelector("h1").textContent, link: document.querySelector("a.moved-to").getAttribute("href") }));
    check(moved.h1 === "نُقلت هذه الورقة إلى عنوان جديد" && moved.link === "../arabic-paper-renamed/", `moved page @${width}px: ${JSON.stringify(moved)}`);
    await page.screenshot({ path: shotName("/old-addresses/arabic-paper/", width, "-moved") });
    await runAxe(page, `moved page @${width}px`);
    await page.unroute(`${at}/arabic-paper/`);
    for (const [url, h1, lang] of [
      ["/english-paper/", "سُحبت هذه الورقة", "ar"],
      ["/en/english-paper/", "This paper has been withdrawn", "en"],
    ]) {
      const response = await page.goto(at + url, { waitUntil: "load" });
      const shown = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        h1: document.querySelector("h1").textContent,
        reasons: [...document.querySelectorAll("main p")].map((p) => p.textContent).join(" "),
        home: [...document.querySelectorAll("a.home-link")].map((a) => a.href),
      }));
      check(response.status() === 200 && shown.lang === lang && shown.h1 === h1, `withdrawn ${url} @${width}px: ${JSON.stringify(shown)}`);
      check(/سُحبت بطلب من المؤلف/.test(shown.reasons) && /Withdrawn at the author's request/.test(shown.reasons), `withdrawn ${url} @${width}px: the reasons are not both shown`);
      check(shown.home.includes(`${at}/`) && shown.home.includes(`${at}/en/`), `withdrawn ${url} @${width}px: no links home (${shown.home})`);
      await page.screenshot({ path: shotName(`/old-addresses${url}`, width, "-withdrawn") });
      await runAxe(page, `withdrawn ${url} @${width}px`);
    }
    await context.close();
  }
  // Without JavaScript: the refresh and the link still lead to the new page.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const page = await plain.newPage();
  await page.goto(`${at}/arabic-paper/`);
  await page.waitForURL(`${at}/arabic-paper-renamed/`, { timeout: 5000 }).catch(() => {});
  check(new URL(page.url()).pathname === "/arabic-paper-renamed/", `without JavaScript the old address stays at ${page.url()}`);
  await plain.close();
  oldServer.close();
}

// A figure with its caption (the figures fixture, under a project path), in both schemes and
// at both widths: the image loads, fits the column, has its description, and the caption sits
// under it; the figure is a citable address.
for (const scheme of ["light", "dark"]) {
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, reducedMotion: "reduce" });
    const page = await context.newPage();
    const { errors, foreign } = await watch(page);
    const url = `${FIGURES}paper-with-figures/`;
    const label = `${url} figure @${width}px ${scheme}`;
    await page.goto(`${origin}${url}#introduction-p2`, { waitUntil: "load" });
    await page.evaluate(() => Promise.all([...document.images].map((img) => (img.loading = "eager", img.decode().catch(() => null)))));
    const figure = await page.evaluate(() => {
      const figure = document.querySelector("figure#introduction-p2");
      if (!figure) return null;
      const img = figure.querySelector("img");
      const caption = figure.querySelector("figcaption");
      const i = img.getBoundingClientRect();
      const c = caption.getBoundingClientRect();
      const column = figure.parentElement.getBoundingClientRect();
      return {
        loaded: img.complete && img.naturalWidth > 0,
        alt: img.alt,
        lazy: img.loading,
        fits: i.width <= column.width + 1 && i.left >= column.left - 1 && i.right <= column.right + 1,
        below: c.top >= i.bottom - 1,
        captionText: caption.textContent,
        captionColor: getComputedStyle(caption).color,
        ground: getComputedStyle(img).backgroundColor,
        scrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        others: [...document.images].filter((img) => !(img.complete && img.naturalWidth > 0)).map((img) => img.src),
      };
    });
    check(figure !== null, `${label}: no figure#introduction-p2`);
    if (figure) {
      check(figure.loaded && figure.others.length === 0, `${label}: an image did not load (${figure.others.join(" ")})`);
      check(figure.alt.length > 0, `${label}: the figure's image has no description`);
      check(figure.fits, `${label}: the figure's image is wider than the column`);
      check(figure.below && figure.captionText.startsWith("الشكل 1"), `${label}: the caption is not under the image (${figure.captionText})`);
      check(!figure.scrolls, `${label}: the page scrolls sideways`);
      if (scheme === "dark") check(figure.ground !== "rgba(0, 0, 0, 0)", `${label}: the image has no light ground in the dark scheme`);
    }
    await runAxe(page, label);
    check(errors.length === 0, `${label}: console errors: ${errors.join(" | ")}`);
    check(foreign.length === 0, `${label}: requests to other hosts: ${foreign.join(" ")}`);
    await page.locator("figure").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotName("/figures/paper-with-figures/", width, `-figure-${scheme}`) });
    await context.close();
  }
}

// The only misses any page made are those of the missing page itself and its root finder:
// no icon, style sheet or script of a real page is missing.
{
  // The missing pages the suite asks for on purpose (the 404 page, and the archive's lists
  // that must not be paged), and the HEAD probes of the 404 page's root finder at any depth.
  const deliberate = ["/no-such-page/", "/page/2/", "/topics/azerbaijan/page/2/"];
  const unexpected = misses.filter((m) => {
    const [method, url] = m.split(" ");
    return !(method === "HEAD" && url.endsWith("/assets/style.css")) && !deliberate.some((d) => url.startsWith(d));
  });
  check(unexpected.length === 0, `requests answered 404: ${[...new Set(unexpected)].join(" ")}`);
}

await browser.close();
server.close();
console.log(`\n${checks} checks on ${pages.length} pages at ${WIDTHS.join(" and ")} px; ${failures.length} failed`);
console.log(`screenshots: ${shotsDir}`);
process.exit(failures.length === 0 ? 0 : 1);
