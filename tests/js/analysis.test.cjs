// The client's analysis and file decoding against the vectors written by the Rust side
// (src/search/tests.rs, `vectors_file_is_current`). Run: node --test tests/js/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SOURCE = path.join(__dirname, '../../themes/default/static/search.js');
const S = require(SOURCE);
const V = require('./vectors.json');
const F = V.fixture;
const { fixtureIndex } = require('./fixture.cjs');

test('tokens: raw, exact and folded keys, glued flags', () => {
  for (const { text, tokens } of V.analysis) {
    const got = S.tokenize(text).map((t) => [t.raw, t.exact, t.folded, t.glued]);
    assert.deepEqual(got, tokens, text);
  }
});

test('old and new tone placement, i and y spellings fold alike', () => {
  const k = (w) => S.keys(S.normalize(w));
  assert.deepEqual(k('hòa'), k('hoà'));
  assert.deepEqual(k('thủy'), k('thuỷ'));
  assert.deepEqual(k('kỹ'), k('kĩ'));
  assert.deepEqual(k('Đất'), ['đât1', 'dat']);
  assert.equal(k('ĐĂNG')[1], 'dang');
});

test('telex leftovers', () => {
  for (const [word, want] of V.telex) assert.deepEqual(S.telex(S.normalize(word)), want, word);
});

test('facet slugs match crate::text::slugify', () => {
  for (const [label, want] of V.slugs) assert.equal(S.slug(label), want, label);
});

test('fnv32 and pair signatures', () => {
  for (const [s, h, sig] of V.hashes) {
    assert.equal(S.fnv32(s), h, s);
    assert.equal(S.fnv32(s) & 0xffff, sig, s);
  }
});

test('code point order agrees with UTF-8 byte order', () => {
  const words = ['a', 'ab', 'b', 'á', 'đ', 'z', '\uffff', '\u{10000}', 'a b'];
  const bytes = (s) => Buffer.from(s, 'utf8');
  const want = [...words].sort((x, y) => Buffer.compare(bytes(x), bytes(y)));
  assert.deepEqual([...words].sort(S.cmp), want);
});

test('one edit apart', () => {
  assert.ok(S.oneEdit('dnag', 'dang'));
  assert.ok(S.oneEdit('dang', 'dan'));
  assert.ok(S.oneEdit('dag', 'dang'));
  assert.ok(S.oneEdit('dang', 'danh'));
  assert.ok(!S.oneEdit('dang', 'dang'));
  assert.ok(!S.oneEdit('dang', 'dinh'));
  assert.ok(!S.oneEdit('ab', 'abcd'));
});

test('shards decode as the Rust side wrote them', async () => {
  const ix = await fixtureIndex().open();
  for (const [space, want] of [['uni', F.uni], ['pair', F.pair]]) {
    for (let i = 0; i < ix.m[space].n; i++) {
      const map = await ix.shard(space, i);
      for (const [key, e] of map) {
        const w = want[key];
        assert.ok(w, `${space} ${key}`);
        const p = S.postings(e);
        assert.equal(e.df, w.df);
        assert.deepEqual(e.vars, w.vars, key);
        assert.equal(!!e.other, w.other);
        const got = [...p.doc].map((d, j) => [d, p.lvl[j], p.sym[j]]);
        assert.deepEqual(got, w.postings, key);
      }
    }
    let total = 0;
    for (let i = 0; i < ix.m[space].n; i++) total += (await ix.shard(space, i)).size;
    assert.equal(total, Object.keys(want).length, space);
  }
  for (const key of Object.keys(F.uni)) assert.ok(await ix.uni(key), key);
  for (const key of Object.keys(F.pair)) assert.ok(await ix.pair(key), key);
  assert.equal(await ix.uni('khongco'), null);
});

test('facet table decodes', async () => {
  const ix = await fixtureIndex().open();
  const cols = await ix.table();
  F.table.forEach((row, d) => assert.deepEqual(cols.map((c) => c[d]), row, `doc ${d}`));
});

test('fragments hold title, url and text', async () => {
  const ix = await fixtureIndex().open();
  for (let d = 0; d < ix.n; d++) assert.equal((await ix.frag(d)).u, F.urls[d]);
});

test('the client stays small and never parses markup from data', () => {
  const src = fs.readFileSync(SOURCE);
  const gz = zlib.gzipSync(src, { level: 9 }).length;
  assert.ok(gz <= 15 * 1024, `search.js is ${gz} bytes gzipped`);
  assert.doesNotMatch(src.toString(), /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
});
