// Warraq's site search, in the browser: a query normalised, cut into words and stemmed as the
// build did it (src/search/text.rs and stem.rs, held equal by tests/search/vectors.json), the
// index shards of its words fetched, passages ranked, and the passages shown fetched for their
// snippets. The core (everything up to `Searcher`) touches no DOM, so Node runs it in tests;
// the page part at the end runs only on the search page.

// ---- normalising (text.rs) ----
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const MARK = /\p{M}/u;
const WORD = /[\p{Alphabetic}\p{N}]/u;
const MAP = { 'ٱ': 'ا', 'ة': 'ه', 'ى': 'ي', 'ی': 'ي', 'ک': 'ك', '\u066B': '.', '\u066C': ',', '\u2010': '-', '\u2011': '-' };
const dropped = c => c === '\u0640' || INVISIBLE.test(c) || MARK.test(c);
const folded = new Map();

/** The normalised form of one character (none, one or several characters). */
function fold(c) {
  if (c < '\x80') return c.toLowerCase();
  let out = folded.get(c);
  if (out !== undefined) return out;
  out = '';
  for (const d of c.normalize('NFKD')) {
    if (dropped(d)) continue;
    let m = MAP[d] || d;
    const code = m.codePointAt(0);
    if (code >= 0x660 && code <= 0x669) m = String(code - 0x660);
    else if (code >= 0x6F0 && code <= 0x6F9) m = String(code - 0x6F0);
    for (const l of m.toLowerCase()) if (!dropped(l)) out += l;
  }
  folded.set(c, out);
  return out;
}

/** `text` normalised, every character kept. */
export function normalize(text) {
  let out = '';
  for (const c of text) out += fold(c);
  return out;
}

const WORD_CLASS = 0, JOINER = 1, SPACE = 2;
function charClass(c) {
  if (c < '\x80') {
    if (/[a-z0-9]/i.test(c)) return WORD_CLASS;
    return c === '-' || c === '.' || c === ',' ? JOINER : SPACE;
  }
  return WORD.test(c) ? WORD_CLASS : SPACE;
}

const arabic = c => c >= '\u0600' && c <= '\u06FF';
const digit = c => c >= '0' && c <= '9';
const scriptChanges = (a, b) => (digit(a) && arabic(b)) || (arabic(a) && digit(b));

/** The tokens of `text`: `{t, part}`, `part` for the pieces of a code that also comes whole. */
export function tokens(text) {
  const out = [];
  let chain = '', runs = [], pending = null, open = false;
  const isDigits = ([a, b]) => /^[0-9]+$/.test(chain.slice(a, b));
  const flush = () => {
    open = false; pending = null;
    if (!runs.length) return;
    const merged = [];
    runs.forEach((run, i) => {
      const last = merged[merged.length - 1];
      if (last && isDigits(last) && isDigits(run) && chain[runs[i - 1][1]] !== '-') last[1] = run[1];
      else merged.push([run[0], run[1]]);
    });
    for (let start = 0; start < merged.length;) {
      let end = start + 1;
      while (end < merged.length && chain[merged[end - 1][1]] === '-') end++;
      const group = merged.slice(start, end);
      const code = group.length > 1 && group.some(([a, b]) => /[0-9]/.test(chain.slice(a, b)));
      if (code) out.push({ t: chain.slice(group[0][0], group[group.length - 1][1]), part: false });
      for (const [a, b] of group) out.push({ t: chain.slice(a, b), part: code });
      start = end;
    }
    chain = ''; runs = [];
  };
  for (const c of text) {
    for (const f of fold(c)) {
      const k = charClass(f);
      if (k === WORD_CLASS) {
        // Digits and Arabic letters written together are two words: «2020م», «و2020».
        if (open && scriptChanges(chain[chain.length - 1], f)) flush();
        if (!open) {
          if (pending !== null) { chain += pending; pending = null; }
          runs.push([chain.length, chain.length]);
          open = true;
        }
        chain += f;
        runs[runs.length - 1][1] = chain.length;
      } else if (k === JOINER && open) {
        open = false; pending = f;
      } else flush();
    }
  }
  flush();
  return out;
}

// ---- keys (stem.rs) ----
const STOP_WORDS = new Set(('في من علي الي عن ان مع هذا هذه ذلك تلك التي الذي الذين او ام ثم قد لا ما لم لن كان كانت ' +
  'وفي ومن وعلي والي وان ولا وقد هو هي هم انه انها اذا اي به بها له لها منه فيه فيها عليه عليها الا لكن بين كما حيث ' +
  'وهو وهي كل بعض عند وقال قال the of and an in on at to for from by with is are was were be this that it its as or not').split(' '));
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي', 'ا'];
const ARTICLES = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال'];
const len = s => [...s].length;

export const isStopWord = w => STOP_WORDS.has(w);

function arabicStem(word) {
  let s = word;
  if (len(s) >= 4 && s.startsWith('و')) s = s.slice(1);
  for (const a of ARTICLES) if (s.startsWith(a) && len(s) - a.length >= 2) { s = s.slice(a.length); break; }
  let stem = '';
  for (const c of s) if (!stem.endsWith(c)) stem += c;
  strip: for (;;) {
    for (const suf of SUFFIXES) {
      if (stem.endsWith(suf) && len(stem) >= suf.length + 3) { stem = stem.slice(0, -suf.length); continue strip; }
    }
    return stem;
  }
}

function withoutProclitic(word) {
  let rest = word;
  if (rest.startsWith('و') || rest.startsWith('ف')) rest = rest.slice(1);
  if (!/^[بكل]/.test(rest)) return null;
  rest = rest.slice(1);
  return len(rest) >= 4 && !rest.startsWith('ال') ? rest : null;
}

function englishStem(w) {
  const n = w.length;
  if (n > 4 && w.endsWith('ies')) w = w.slice(0, -3);
  else if (n > 4 && ['sses', 'xes', 'ches', 'shes'].some(e => w.endsWith(e))) w = w.slice(0, -2);
  else if (n > 3 && w.endsWith('s') && !['ss', 'us', 'is'].some(e => w.endsWith(e))) w = w.slice(0, -1);
  return w.length > 3 && w.endsWith('y') ? w.slice(0, -1) : w;
}

/** The one or two keys a normalised word is filed under. */
export function keys(word) {
  if (/^[\u0621-\u064A]+$/u.test(word)) {
    const first = arabicStem(word), rest = withoutProclitic(word);
    const second = rest === null ? null : arabicStem(rest);
    return second === null || second === first ? [first] : [first, second];
  }
  if (/^[a-z]+$/.test(word)) return [englishStem(word)];
  return [word];
}

/** The words of a query, as the index files them: whole codes, no stop words, at most 12. */
export function queryWords(query) {
  const seen = new Set(), words = [];
  for (const { t, part } of tokens(String(query).slice(0, 1000))) {
    if (part || len(t) < 2 || new TextEncoder().encode(t).length > 80 || isStopWord(t) || seen.has(t)) continue;
    seen.add(t); words.push(t);
  }
  return words.slice(0, 12);
}

/** The shard of a key: FNV-1a (32 bits) of its UTF-8 bytes (index.rs). */
export function shardOf(key, shards) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(key)) { h ^= b; h = Math.imul(h, 0x01000193) >>> 0; }
  return h % shards;
}

// ---- ranking ----
const STEMMED = 0.5, HEADING = 1.5, RERANK = 20, PAGE = 10;

/** Searches an index read through `load(path)`, which gives the parsed JSON of a file under
 *  the site root (`search/index.json`, …) and is called once per file. */
export class Searcher {
  constructor(load) {
    this.cache = new Map();
    this.load = path => {
      if (!this.cache.has(path)) this.cache.set(path, load(path));
      return this.cache.get(path);
    };
  }

  /** The passages matching `query`, best first: `{words, total, results}`, each result
   *  `{passage, coverage, exact, score}`. */
  async search(query) {
    const words = queryWords(query);
    if (!words.length) return { words, total: 0, results: [] };
    const manifest = await this.load('search/index.json');
    const n = manifest.passages, shards = manifest.shards;
    const wordKeys = words.map(keys);
    const shardFiles = await Promise.all(wordKeys.map(ks =>
      Promise.all(ks.map(k => this.load(`search/s/${shardOf(k, shards)}.json`)))));
    const hits = new Map();
    words.forEach((word, i) => {
      const best = new Map();
      const seen = new Set();
      wordKeys[i].forEach((k, j) => {
        const entry = shardFiles[i][j][k];
        if (!entry) return;
        for (const surface of Object.keys(entry)) {
          if (seen.has(surface)) continue;
          seen.add(surface);
          const postings = entry[surface], exact = surface === word;
          const idf = Math.log(1 + (n - postings.length + 0.5) / (postings.length + 0.5));
          let pid = 0;
          for (const v of postings) {
            pid += Math.floor(v / 16);
            const s = (exact ? 1 : STEMMED) * idf * (v & 7) / 7 * (v & 8 ? HEADING : 1);
            const b = best.get(pid);
            if (!b || s > b.s) best.set(pid, { s, exact: exact || (b && b.exact) });
            else if (exact) b.exact = true;
          }
        }
      });
      for (const [pid, b] of best) {
        let h = hits.get(pid);
        if (!h) hits.set(pid, h = { passage: pid, coverage: 0, exact: 0, score: 0 });
        h.coverage++; h.score += b.s; if (b.exact) h.exact++;
      }
    });
    const results = [...hits.values()].sort(order);
    if (words.length > 1) await this.rerank(results.slice(0, RERANK), words, wordKeys).then(top => results.splice(0, top.length, ...top));
    return { words, total: results.length, results };
  }

  /** The first results again, with a bonus for words next to each other as in the query. */
  async rerank(top, words, wordKeys) {
    const passages = await this.passages(top);
    top.forEach((r, i) => {
      const ks = passageKeys(passages[i].text);
      let near = 0;
      for (let w = 0; w + 1 < words.length; w++) {
        const a = new Set(wordKeys[w]), b = new Set(wordKeys[w + 1]);
        for (let p = 0; p + 1 < ks.length; p++) {
          if (ks[p].some(k => a.has(k)) && (ks[p + 1].some(k => b.has(k)))) { near++; break; }
        }
      }
      r.score += near * 2;
    });
    return top.sort(order);
  }

  /** The shown form of `results`' passages: `{doc: {slug, title, titleEn, lang}, fragment,
   *  kind, section, sectionEn, text}`. */
  async passages(results) {
    const manifest = await this.load('search/index.json');
    const size = manifest.chunk;
    const chunks = await Promise.all(results.map(r => this.load(`search/p/${Math.floor(r.passage / size)}.json`)));
    return results.map((r, i) => {
      const [d, fragment, kind, section, sectionEn, text] = chunks[i].p[r.passage % size];
      const [slug, title, titleEn, lang] = chunks[i].d[d];
      return { doc: { slug, title, titleEn, lang }, fragment, kind, section, sectionEn, text };
    });
  }
}

function order(a, b) {
  return b.coverage - a.coverage || b.exact - a.exact || b.score - a.score || a.passage - b.passage;
}

/** Each word's keys in a text, in order. */
function passageKeys(text) {
  return tokens(text).filter(t => !t.part && !isStopWord(t.t)).map(t => [t.t, ...keys(t.t)]);
}

/** `text` cut to about `size` characters around the first of `words`' matches, as pieces
 *  `{text, mark}`; marked pieces are whole words that match a query word or its keys. */
export function snippet(text, words, size = 220) {
  const want = new Set(words.flatMap(w => [w, ...keys(w)]));
  const pieces = [];
  let first = -1, at = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}\u0640\u200C\u200D]+(?:[-.,][\p{L}\p{N}\p{M}]+)*/gu)) {
    if (m.index > at) pieces.push({ text: text.slice(at, m.index), mark: false });
    const hit = tokens(m[0]).some(({ t }) => want.has(t) || keys(t).some(k => want.has(k)));
    if (hit && first < 0) first = m.index;
    pieces.push({ text: m[0], mark: hit });
    at = m.index + m[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), mark: false });
  // The window: from a little before the first match, about `size` characters.
  const start = Math.max(0, (first < 0 ? 0 : first) - size / 4);
  const out = [];
  let pos = 0, taken = 0;
  for (const p of pieces) {
    const end = pos + p.text.length;
    if (end > start && taken < size) { out.push(p); taken += p.text.length; }
    pos = end;
  }
  if (start > 0 && out.length) out.unshift({ text: '… ', mark: false });
  if (pos > start + taken) out.push({ text: ' …', mark: false });
  return out;
}

// ---- the search page ----
function page() {
  const list = document.getElementById('search-results');
  const form = document.querySelector('form.search-form');
  const input = document.getElementById('search-q');
  const status = document.getElementById('search-status');
  if (!list || !form || !input || !status) return;
  const data = list.dataset, lang = data.lang;
  const root = new URL(data.root, location.href);
  const searcher = new Searcher(path => fetch(new URL(path, root)).then(r => {
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
    return r.json();
  }));
  let run = 0, shown = [], found = null, words = [], timer = 0;
  const more = document.createElement('button');
  more.type = 'button'; more.className = 'search-more'; more.textContent = data.moreButton || '…';
  more.hidden = true;
  list.after(more);

  const say = text => { status.textContent = text; };
  const fill = (template, n) => template.replace('{n}', String(n));

  async function go(query, push) {
    const mine = ++run;
    if (push) {
      const url = new URL(location.href);
      if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
      history.replaceState(null, '', url);
    }
    list.replaceChildren(); more.hidden = true; shown = [];
    list.setAttribute('aria-busy', 'true');
    try {
      if (!query.trim()) say('');
      else {
        const result = await searcher.search(query);
        if (mine !== run) return;
        // Only one-letter words ask for more; words too common to index find nothing.
        if (!result.words.length) say(tokens(query).some(t => len(t.t) > 1) ? data.none : data.short);
        else {
          found = result.results; words = result.words;
          say(found.length ? fill(data.count, found.length) : data.none);
          await show(mine);
        }
      }
    } catch (e) {
      if (mine === run) say(data.failed);
    }
    if (mine === run) list.setAttribute('aria-busy', 'false');
  }

  async function show(mine) {
    const next = found.slice(shown.length, shown.length + PAGE);
    const passages = await searcher.passages(next);
    if (mine !== run) return;
    passages.forEach(p => list.append(item(p)));
    shown = shown.concat(next);
    more.hidden = shown.length >= found.length;
  }

  function item(p) {
    const li = document.createElement('li');
    li.className = 'search-result';
    const a = document.createElement('a');
    a.href = `${data.root}${p.doc.slug}/#${p.fragment}`;
    const ours = lang === 'en' ? p.doc.titleEn : p.doc.title;
    const other = lang === 'en' ? p.doc.title : p.doc.titleEn;
    a.textContent = ours;
    const h = document.createElement('h2');
    h.className = 'search-result-title';
    h.dir = 'auto';
    h.append(a);
    li.append(h);
    if (other && other !== ours) {
      const o = document.createElement('p');
      o.className = 'search-result-other';
      o.lang = lang === 'en' ? 'ar' : 'en';
      o.dir = lang === 'en' ? 'rtl' : 'ltr';
      o.textContent = other;
      li.append(o);
    }
    const where = { t: data.title, a: data.abstract, n: data.note }[p.kind]
      || (lang === 'en' && p.sectionEn ? p.sectionEn : p.section);
    if (where) {
      const s = document.createElement('p');
      s.className = 'search-result-section';
      s.textContent = where;
      li.append(s);
    }
    const snip = document.createElement('p');
    snip.className = 'search-result-snippet';
    snip.dir = 'auto';
    for (const piece of snippet(p.text, words)) {
      if (piece.mark) { const m = document.createElement('mark'); m.textContent = piece.text; snip.append(m); }
      else snip.append(piece.text);
    }
    li.append(snip);
    return li;
  }

  more.addEventListener('click', () => {
    const first = shown.length;
    show(run).then(() => list.children[first]?.querySelector('a')?.focus());
  });
  form.addEventListener('submit', e => { e.preventDefault(); clearTimeout(timer); go(input.value, true); });
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => go(input.value, true), 150); });
  input.addEventListener('keydown', e => {
    if (e.key === 'ArrowDown') { const a = list.querySelector('a'); if (a) { e.preventDefault(); a.focus(); } }
  });
  list.addEventListener('keydown', e => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...list.querySelectorAll('a')];
    const i = links.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowUp' && i === 0) input.focus();
    else links[Math.max(0, Math.min(links.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))].focus();
  });
  const q = new URLSearchParams(location.search).get('q') || '';
  input.value = q;
  if (q) go(q, false);
}

if (typeof document !== 'undefined') page();
