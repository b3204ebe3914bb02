// Ranking, corrections, facets and excerpts of the client over the fixture portal that the Rust
// side built (src/search/tests.rs `fixture`). Run: node --test tests/js/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const S = require('../../themes/default/static/search.js');
const { fixtureIndex } = require('./fixture.cjs');
const F = require('./vectors.json').fixture;

const LAND = '/dang-ky-dat-dai-cap-giay-chung-nhan-quyen-su-dung-dat-lan-dau/';
const TAM_TRU = '/dang-ky-tam-tru/';
const THUONG_TRU = '/dang-ky-thuong-tru/';
const KHAI_SINH = '/dang-ky-khai-sinh/';
const NEWS = '/hoa-binh-dat-chuan-nong-thon-moi/';
const WATER = '/tam-dung-cap-nuoc-de-sua-chua-duong-ong/';
const DECISION = '/quyet-dinh-15-qd-ubnd-ve-ki-thuat-do-dac-dia-chinh/';
const INSPECTION = '/ket-luan-thanh-tra-viec-quan-ly-dat-cong/';

let ix;
test.before(async () => {
  ix = await fixtureIndex().open();
});

async function urls(q, typing = false) {
  const r = await S.search(ix, q, typing);
  return { r, urls: r.docs.map((d) => F.urls[d]) };
}

test('without diacritics, đ and every mark fold: "dat dai" finds "đất đai"', async () => {
  for (const q of ['dat dai', 'đất đai', 'DAT DAI', 'Đất Đai']) {
    const { urls: u } = await urls(q);
    assert.equal(u[0], LAND, q);
  }
});

test('the pair ranks first: "tạm trú" before pages with "tạm" and "trú" apart', async () => {
  for (const q of ['tạm trú', 'tam tru']) {
    const { urls: u, r } = await urls(q);
    assert.equal(u[0], TAM_TRU, q);
    const s = r.scores;
    assert.ok(s[r.docs[0]] > 3 * s[r.docs[1]], 'the phrase is far ahead');
    assert.ok(!u.includes(LAND));
  }
});

test('old and new tone placement, i and y spellings match alike', async () => {
  assert.deepEqual((await urls('hòa bình')).urls, (await urls('hoà bình')).urls);
  assert.equal((await urls('hoà bình')).urls[0], NEWS);
  for (const q of ['kĩ thuật', 'kỹ thuật', 'ky thuat', 'ki thuat']) {
    const u = (await urls(q)).urls;
    assert.equal(u[0], DECISION, q);
    assert.ok(u.includes(INSPECTION), q);
  }
});

test('with diacritics, the exact spelling ranks above folded matches', async () => {
  assert.equal((await urls('đạt')).urls[0], NEWS);
  const dat = (await urls('đất')).urls;
  assert.notEqual(dat[0], NEWS);
  assert.equal(dat[dat.length - 1], NEWS);
});

test('a phrase typed with marks matches only that spelling; elsewhere its words count apart', async () => {
  const BUDGET = '/cong-khai-du-toan-ngan-sach-xa-nam-2025/';
  const tax = await urls('thuế đất');
  const rent = await urls('thuê đất');
  assert.equal(tax.urls[0], BUDGET, 'thuế đất: the page that says so');
  assert.equal(rent.urls[0], INSPECTION, 'thuê đất: the page that says so');
  // "thuê đất" is not the phrase "thuế đất": that page only follows, through its words.
  const insp = F.urls.indexOf(INSPECTION);
  assert.ok(tax.r.scores[insp] * 3 < rent.r.scores[insp], `${tax.r.scores[insp]} vs ${rent.r.scores[insp]}`);
  // Without marks both spellings are the phrase.
  const folded = (await urls('thue dat')).urls;
  assert.ok(folded.indexOf(BUDGET) < 2 && folded.indexOf(INSPECTION) < 2, folded.join());
  // A spelling no page has is a slip in the marks: every spelling matches.
  assert.equal((await urls('đất chuẩn')).urls[0], NEWS);
  assert.equal((await urls('thuề đất')).urls.slice(0, 2).sort().join(), [BUDGET, INSPECTION].sort().join());
});

test('a Telex query ranks as the query typed right', async () => {
  assert.deepEqual((await urls('dangw kys')).urls, (await urls('đăng ký')).urls);
  assert.deepEqual((await urls('ddaats ddai')).urls, (await urls('đất đai')).urls);
});

test('colloquial names: "sổ đỏ" finds the land-use certificate', async () => {
  for (const q of ['sổ đỏ', 'so do', 'QSDĐ']) assert.equal((await urls(q)).urls[0], LAND, q);
  assert.equal((await urls('hộ khẩu')).urls[0], THUONG_TRU);
});

test('Telex leftovers and typos are corrected and suggested, never dropped', async () => {
  let { r, urls: u } = await urls('dangw kys');
  assert.equal(r.suggestion, 'đăng ký');
  assert.deepEqual(r.notFound, []);
  assert.deepEqual(r.read, ['dangw', 'kys'], 'read as Telex');
  assert.deepEqual(r.fixed, [], 'not claimed absent: they were read, not looked up');
  assert.deepEqual(r.marks, ['đăng', 'ki1']);
  assert.ok(u.includes(TAM_TRU) && u.includes(KHAI_SINH));
  ({ r, urls: u } = await urls('ddaats ddai'));
  assert.equal(r.suggestion, 'đất đai');
  assert.equal(u[0], LAND);
  ({ r, urls: u } = await urls('dnag ky khai sinh'));
  assert.equal(r.suggestion, 'dang ky khai sinh', 'a query typed without marks gets a suggestion without marks');
  assert.equal(u[0], KHAI_SINH);
  ({ r, urls: u } = await urls('dnag ký khai sinh'));
  assert.equal(r.suggestion, 'đăng ký khai sinh', 'a query with marks gets the usual spelling');
  assert.equal(u[0], KHAI_SINH);
});

test('words that match nothing are reported', async () => {
  const { r, urls: u } = await urls('xyzqwv dat dai');
  assert.deepEqual(r.notFound, ['xyzqwv']);
  assert.equal(u[0], LAND);
  const none = await urls('xyzqwv');
  assert.deepEqual(none.r.notFound, ['xyzqwv']);
  assert.deepEqual(none.urls, []);
});

test('when no page has every word, pages with the most words are shown', async () => {
  const { r, urls: u } = await urls('khai sinh cấp nước');
  assert.ok(r.partial);
  assert.equal(u[0], KHAI_SINH);
});

test('the word being typed is completed; a submitted query is taken as typed', async () => {
  assert.equal((await urls('tạm tr', true)).urls[0], TAM_TRU);
  assert.equal((await urls('dang k', true)).urls.length, 4);
  const submitted = await urls('tạm tr', false);
  assert.deepEqual(submitted.r.notFound, ['tr']);
});

test('codes and numbers match as phrases', async () => {
  assert.equal((await urls('15/QĐ-UBND')).urls[0], DECISION);
  assert.equal((await urls('qd ubnd 15')).urls[0], DECISION);
  assert.equal((await urls('12.500.000')).urls[0], '/cong-khai-du-toan-ngan-sach-xa-nam-2025/');
  assert.equal((await urls('1.004227')).urls[0], LAND);
});

test('facet counts: each dimension counts the pages that pass the other filters', async () => {
  const cols = await ix.table();
  const values = S.facetValues(ix.m);
  const { r } = await urls('đăng ký');
  const none = values.map(() => new Set());
  let { shown, counts } = S.facetCounts(cols, r.docs, none);
  assert.equal(shown.length, 4);
  const id = (c, param) => values[c].find((v) => v.param === param).id;
  assert.equal(counts[0].get(id(0, 'procedure')), 4);
  assert.equal(counts[1].get(id(1, 'cu-tru')), 2);
  assert.equal(counts[3].get(id(3, 'cap-xa')), 3);
  assert.equal(counts[3].get(id(3, 'cap-huyen')), 1);
  // Choosing "Cư trú" keeps the other fields' counts (to switch) and narrows the levels.
  const sel = values.map(() => new Set());
  sel[1].add(id(1, 'cu-tru'));
  ({ shown, counts } = S.facetCounts(cols, r.docs, sel));
  assert.deepEqual(shown.map((d) => F.urls[d]).sort(), [TAM_TRU, THUONG_TRU].sort());
  assert.equal(counts[1].get(id(1, 'dat-dai')), 1);
  assert.equal(counts[3].get(id(3, 'cap-huyen')), undefined);
  assert.equal(counts[4].get(id(4, '2024')), 2);
});

test('excerpts mark the matched words and keep markup as text', async () => {
  const frag = await ix.frag(F.urls.indexOf(NEWS));
  const parts = S.excerpt(frag.x, ['dat'], null);
  assert.ok(parts.some(([t, m]) => m && t === 'đạt'));
  assert.ok(parts.some(([t, m]) => !m && t.includes('<script>alert(1)</script>')));
  const title = S.highlight('Hoà Bình đạt chuẩn', ['hoa', 'binh'], null);
  assert.deepEqual(title, [['Hoà', true], [' ', false], ['Bình', true], [' đạt chuẩn', false]]);
  assert.deepEqual(S.highlight('trú trung', [], 'tru'), [['trú', true], [' ', false], ['trung', true]]);
  // A word typed with marks marks only that spelling.
  assert.deepEqual(S.highlight('đất đạt Đất', ['đât1'], null), [['đất', true], [' đạt ', false], ['Đất', true]]);
  assert.deepEqual(S.highlight('đất đạt', ['dat'], null), [['đất', true], [' ', false], ['đạt', true]]);
  const long = 'mở đầu '.repeat(60) + 'đất đai ' + 'kết thúc '.repeat(60);
  const cut = S.excerpt(long, ['dat'], null).map(([t]) => t).join('');
  assert.ok(cut.startsWith('…') && cut.endsWith('…') && cut.length < 240, cut);
  assert.ok(cut.includes('đất đai'));
});

test('a query loads only the manifest, the shards of its words and nothing else', async () => {
  const fresh = fixtureIndex();
  await fresh.open();
  await S.search(fresh, 'tạm trú', false);
  const kinds = fresh.loaded.map(([p]) => p.split('/')[1].split('.')[0]);
  assert.equal(kinds[0], 'manifest');
  assert.ok(kinds.slice(1).every((k) => k === 'p' || k === 'u'), kinds.join());
});

/** Runs `q` on `ix` holding every request until the first has been asked for: returns the
    result and the URLs asked in that first round. */
async function firstRound(ix, q) {
  const inner = ix.get;
  const asked = [];
  let release;
  const gate = new Promise((r) => (release = r));
  ix.get = (u, t) => {
    asked.push(u);
    return gate.then(() => inner(u, t));
  };
  const p = S.search(ix, q, false);
  await new Promise((r) => setTimeout(r, 20));
  const first = asked.slice();
  release();
  const r = await p;
  ix.get = inner;
  return { r, first };
}

test('a typo: what correcting it needs travels in the first round of requests', async () => {
  // Without the vocabulary: the word's own entry and the vocabulary go with its pairs.
  let fresh = fixtureIndex();
  await fresh.open();
  let { r, first } = await firstRound(fresh, 'dnag ký khai sinh');
  assert.equal(r.suggestion, 'đăng ký khai sinh');
  assert.ok(first.includes(new URL(fresh.m.vocab, fresh.url).href), first.join());
  assert.ok(first.includes(fresh.file('uni', fresh.shardOf('dnag'))), first.join());
  // With the vocabulary (fetched when the page is idle): the correction's entry and pairs.
  fresh = fixtureIndex();
  await fresh.open();
  await fresh.vocab();
  ({ r, first } = await firstRound(fresh, 'dnag ký khai sinh'));
  assert.equal(r.suggestion, 'đăng ký khai sinh');
  assert.equal(F.urls[r.docs[0]], KHAI_SINH);
  assert.ok(first.includes(fresh.file('uni', fresh.shardOf('dang'))), first.join());
  assert.ok(first.includes(fresh.file('pair', S.fnv32('dang ki') % fresh.m.pair.n)), first.join());
  // A word found in the vocabulary is no typo: nothing more is fetched for it.
  fresh = fixtureIndex();
  await fresh.open();
  await fresh.vocab();
  ({ first } = await firstRound(fresh, 'đăng ký'));
  assert.equal(first.length, 1, first.join());
});

test('warmUp runs the query path without fetching anything', async () => {
  const fresh = fixtureIndex();
  await fresh.open();
  await fresh.table(); // the page calls it once the facet table is here
  const n = fresh.loaded.length;
  const parts = await S.warmUp(fresh);
  assert.ok(Array.isArray(parts) && parts.length > 0);
  assert.equal(fresh.loaded.length, n);
  assert.equal(fresh.files.size, 1);
});
