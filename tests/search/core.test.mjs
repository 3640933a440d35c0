// The query core of templates/assets/search.js against a built site's index, read from disk:
// the seed site in site/ (built by `warraq build`), or the folder named by WARRAQ_SITE.
// Run: node --test tests/search/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Searcher, snippet, normalize } from '../../templates/assets/search.js';

const site = new URL(`${process.env.WARRAQ_SITE || '../../site'}/`, import.meta.url);
const have = existsSync(new URL('search/index.json', site));
const searcher = new Searcher(async path => JSON.parse(readFileSync(new URL(path, site), 'utf8')));
const pages = new Map();
const page = slug => {
  if (!pages.has(slug)) pages.set(slug, readFileSync(new URL(`${slug}/index.html`, site), 'utf8'));
  return pages.get(slug);
};

async function top(query, n = 10) {
  const { results } = await searcher.search(query);
  return searcher.passages(results.slice(0, n));
}

test('a built site is there', () => assert.ok(have, `no search index in ${site.pathname}: run \`warraq build\` first`));

test('every result leads to an id on its paper\'s page', { skip: !have }, async () => {
  for (const q of ['روسيا', 'الحرب', 'Azerbaijan', 'NATO الناتو', '1991']) {
    for (const p of await top(q, 20)) {
      assert.ok(page(p.doc.slug).includes(` id=${p.fragment}`) || page(p.doc.slug).includes(` id="${p.fragment}"`), `${q}: ${p.doc.slug}#${p.fragment}`);
    }
  }
});

test('clitics: لروسيا finds روسيا; exact matches come first', { skip: !have }, async () => {
  const hits = await top('لروسيا');
  assert.ok(hits.some(p => normalize(p.text).includes('روسيا')), 'روسيا');
  const plain = await top('روسيا', 3);
  // Exact matches first: the first passages hold the word as typed.
  for (const p of plain) assert.ok(normalize(p.text).split(/[^\p{L}]+/u).includes('روسيا'), p.fragment);
});

test('accents and Arabic-Indic digits: Guler is Güler, ١٩٩١ is 1991', { skip: !have }, async () => {
  const [a, b] = [await top('Guler', 3), await top('Güler', 3)];
  assert.deepEqual(a.map(p => p.fragment), b.map(p => p.fragment));
  assert.ok(a.length > 0);
  const [c, d] = [await top('١٩٩١'), await top('1991')];
  assert.deepEqual(c.map(p => p.fragment), d.map(p => p.fragment));
});

test('passages with every word come before those with some', { skip: !have }, async () => {
  const { results } = await searcher.search('مجلس الامن الدولي');
  for (let i = 1; i < results.length; i++) assert.ok(results[i - 1].coverage >= results[i].coverage);
});

test('odd queries give an answer, never an error', { skip: !have }, async () => {
  for (const q of ['', '   ', '؟!،.', 'ا', 'x', 'ب'.repeat(1000), 'ab '.repeat(400), '<img src=x onerror=alert(1)>', 'Alkan قره باغ 2020', '\u202e\u200f', '\ud800']) {
    const { results } = await searcher.search(q);
    assert.ok(Array.isArray(results), q.slice(0, 20));
    await searcher.passages(results.slice(0, 10));
  }
});

test('snippets mark whole matching words and keep the text as it is', () => {
  const text = 'قال لافروف إن موسكو، ولروسيا مصالح في <b>القوقاز</b>.';
  const pieces = snippet(text, ['روسيا', 'موسكو']);
  assert.equal(pieces.map(p => p.text).join(''), text);
  assert.deepEqual(pieces.filter(p => p.mark).map(p => p.text), ['موسكو', 'ولروسيا']);
  const long = 'كلمة '.repeat(200) + 'موسكو' + ' كلمة'.repeat(200);
  const cut = snippet(long, ['موسكو']);
  assert.ok(cut.map(p => p.text).join('').length < 400);
  assert.ok(cut.some(p => p.mark));
});
