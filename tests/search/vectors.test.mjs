// The browser's normalising and stemming (templates/assets/search.js) against the build's, word
// for word: tests/search/vectors.json is written by src/search/vectors.rs from the seed papers.
// Run: node --test tests/search/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { normalize, tokens, keys, isStopWord } from '../../templates/assets/search.js';

const { vectors } = JSON.parse(readFileSync(new URL('vectors.json', import.meta.url), 'utf8'));

test('the vectors are a few thousand words', () => {
  assert.ok(vectors.length > 2000, `${vectors.length} words`);
});

test('search.js normalises, cuts and stems every word as the build does', () => {
  const wrong = [];
  for (const v of vectors) {
    const got = tokens(v.in).map(({ t, part }) => [t, part, keys(t), isStopWord(t)]);
    const norm = normalize(v.in);
    if (norm !== v.norm || JSON.stringify(got) !== JSON.stringify(v.tokens)) {
      wrong.push({ in: v.in, norm, want: v.norm, got, tokens: v.tokens });
    }
  }
  assert.deepEqual(wrong.slice(0, 5), [], `${wrong.length} of ${vectors.length} words differ`);
});
