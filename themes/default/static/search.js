/* minhbach search client: plain JS, no dependencies. How it works: docs/search.md.
   The analysis functions mirror src/search/analyze.rs; tests/js/vectors.json keeps them in step. */
(function () {
  'use strict';

  const HAS_DOM = typeof document !== 'undefined';
  // document.currentScript is only set while this script runs: capture it now.
  const SCRIPT = HAS_DOM ? document.currentScript : null;

  /* ---------- Vietnamese analysis ---------- */

  const WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  const HARD = /[,;:!?…()[\]{}<>"“”«»|–—•\n\r]/;
  const TONES = { '\u0301': '1', '\u0341': '1', '\u0300': '2', '\u0340': '2', '\u0309': '3', '\u0303': '4', '\u0323': '5' };
  const VOWELS = 'aăâeêioôơuưy';
  const ALPHA = /\p{Alphabetic}/u;

  const normalize = (s) => s.toLowerCase().normalize('NFC');
  const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').normalize('NFC');

  function yToI(base) {
    if (!base.endsWith('y')) return base;
    const head = base.slice(0, -1);
    const consonants = [...head].every((c) => ALPHA.test(c) && !VOWELS.includes(c));
    return head === 'qu' || consonants ? head + 'i' : base;
  }

  /** [exact, folded] keys of a lower-case NFC word (remembered: excerpts ask for the same words
      again and again). */
  const KEYS = new Map();
  function keys(word) {
    let k = KEYS.get(word);
    if (!k) {
      if (KEYS.size > 5000) KEYS.clear();
      KEYS.set(word, (k = keysOf(word)));
    }
    return k;
  }

  function keysOf(word) {
    let tone = '';
    let base = '';
    for (const c of word.normalize('NFD')) {
      const t = TONES[c];
      if (t) tone = tone || t;
      else base += c;
    }
    base = yToI(base.normalize('NFC'));
    return [base + tone, fold(base)];
  }

  /** Words of `text` with their glued flag (whether they pair with the previous word). */
  function split(text) {
    text = normalize(text);
    const out = [];
    let last = 0;
    for (const m of text.matchAll(WORD)) {
      const sep = text.slice(last, m.index);
      const glued = out.length > 0 && !(HARD.test(sep) || (sep.includes('.') && /\s/.test(sep)));
      out.push({ raw: m[0], glued });
      last = m.index + m[0].length;
    }
    return out;
  }

  function tokenize(text) {
    return split(text).map(({ raw, glued }) => {
      const [exact, folded] = keys(raw);
      return { raw, exact, folded, glued, marked: exact !== folded };
    });
  }

  /** Exact and folded keys of `word` read as Telex typed without an input method, or null. */
  function telex(word) {
    if (!/^[a-z]+$/.test(word)) return null;
    const out = [];
    let tone = '';
    let changed = false;
    const CIRC = { a: 'â', e: 'ê', o: 'ô' };
    const HORN = { a: 'ă', o: 'ơ', u: 'ư' };
    for (const c of word) {
      const last = out[out.length - 1];
      if (c === 'd' && last === 'd') {
        out[out.length - 1] = 'đ';
        changed = true;
      } else if (CIRC[c] && last === c) {
        out[out.length - 1] = CIRC[c];
        changed = true;
      } else if (c === 'w') {
        changed = true;
        let j = out.length - 1;
        while (j >= 0 && !HORN[out[j]]) j--;
        if (j < 0) out.push('ư');
        else if (out[j] === 'o' && out[j - 1] === 'u') (out[j - 1] = 'ư'), (out[j] = 'ơ');
        else if (out[j] === 'u' && out[j + 1] === 'o') (out[j] = 'ư'), (out[j + 1] = 'ơ');
        else out[j] = HORN[out[j]];
      } else if ('sfrxj'.includes(c) && !tone && out.some((v) => VOWELS.includes(v))) {
        tone = '12345'['sfrxj'.indexOf(c)];
        changed = true;
      } else out.push(c);
    }
    if (!changed || !out.length) return null;
    const base = yToI(out.join(''));
    return [base + tone, fold(base)];
  }

  /** URL slug of a facet label, like crate::text::slugify. */
  function slug(label) {
    const f = label.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
    return f.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
  }

  const UTF8 = new TextEncoder();
  const UTF8D = new TextDecoder();

  /** FNV-1a 32 of the UTF-8 bytes of `s`. */
  function fnv32(s) {
    let h = 0x811c9dc5;
    for (const b of UTF8.encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h;
  }

  /** Order of UTF-8 bytes (code points), as the index sorts keys. */
  function cmp(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a.codePointAt(i);
      const y = b.codePointAt(i);
      if (x !== y) return x < y ? -1 : 1;
      if (x > 0xffff) i++;
    }
    return a.length - b.length;
  }

  /** Whether a and b are one edit apart (insert, delete, substitute or swap neighbours). */
  function oneEdit(a, b) {
    a = [...a];
    b = [...b];
    if (Math.abs(a.length - b.length) > 1) return false;
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    const rest = (x, y) => x.join('') === y.join('');
    if (a.length === b.length) {
      if (i === a.length) return false;
      return rest(a.slice(i + 1), b.slice(i + 1)) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a.slice(i + 2), b.slice(i + 2)));
    }
    return a.length > b.length ? rest(a.slice(i + 1), b.slice(i)) : rest(a.slice(i), b.slice(i + 1));
  }

  /** Edit distance where a letter and the same letter with other marks differ by half. */
  function markDistance(a, b) {
    a = [...a];
    b = [...b];
    let row = b.map((_, j) => j + 1);
    row.unshift(0);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        const sub = a[i - 1] === b[j - 1] ? 0 : fold(a[i - 1]) === fold(b[j - 1]) ? 0.5 : 1;
        next[j] = Math.min(row[j - 1] + sub, row[j] + 1, next[j - 1] + 1);
      }
      row = next;
    }
    return row[b.length];
  }

  /* ---------- index files ---------- */

  const width = (n) => (n <= 1 ? 0 : 32 - Math.clz32(n - 1));

  /** Parses a shard into a Map from key to entry; postings are decoded on demand. */
  function parseShard(buf, uni) {
    const b = new Uint8Array(buf);
    let pos = 0;
    const varint = () => {
      let v = 0;
      let mul = 1;
      for (;;) {
        const x = b[pos++];
        v += (x & 127) * mul;
        if (x < 128) return v;
        mul *= 128;
      }
    };
    const map = new Map();
    let prev = new Uint8Array(0);
    while (pos < b.length) {
      const shared = varint();
      const len = varint();
      const key = new Uint8Array(shared + len);
      key.set(prev.subarray(0, shared));
      key.set(b.subarray(pos, pos + len), shared);
      pos += len;
      prev = key;
      const df = varint();
      const nv = varint();
      const vars = [];
      for (let i = 0; i < nv >> 1; i++) {
        if (uni) {
          const l = varint();
          vars.push(UTF8D.decode(b.subarray(pos, pos + l)));
          pos += l;
        } else {
          vars.push((b[pos] << 8) | b[pos + 1]);
          pos += 2;
        }
      }
      const bl = varint();
      const k = UTF8D.decode(key);
      map.set(k, { key: k, df, vars, other: nv & 1, bits: b.subarray(pos, pos + bl), p: null });
      pos += bl;
    }
    return map;
  }

  /** {doc, lvl, sym} arrays of an entry. Reads 32-bit windows rather than single bits: the
      decoder runs on a fresh page, mostly before the JIT has compiled it. */
  function postings(e) {
    if (e.p) return e.p;
    const b = e.bits;
    let pos = 0;
    // The next 32 bits from `pos`; the last `pos & 7` of them are zeros, not stream bits.
    const win = () => {
      const i = pos >> 3;
      return (((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) << (pos & 7)) >>> 0;
    };
    const take = (n) => {
      if (n > 24) return take(n - 16) * 65536 + take(16);
      const v = n ? win() >>> (32 - n) : 0;
      pos += n;
      return v;
    };
    const k = take(5);
    const scale = 2 ** k;
    const m = e.vars.length + e.other;
    const w = width(m - 1);
    const doc = new Int32Array(e.df);
    const lvl = new Uint8Array(e.df);
    const sym = new Uint8Array(e.df);
    let d = -1;
    for (let i = 0; i < e.df; i++) {
      let q = 0;
      for (;;) {
        // Unary part: count the ones up to the first zero, a window at a time.
        const valid = 32 - (pos & 7);
        const ones = Math.clz32(~win());
        if (ones < valid) {
          q += ones;
          pos += ones + 1;
          break;
        }
        q += valid;
        pos += valid;
      }
      d += q * scale + take(k) + 1;
      doc[i] = d;
      const t = win() >>> 29; // level: 0, 10, 110, 111
      if (t < 4) pos += 1;
      else if (t < 6) (lvl[i] = 1), (pos += 2);
      else (lvl[i] = t === 6 ? 2 : 3), (pos += 3);
      if (m === 2) sym[i] = take(1);
      else if (m > 2) sym[i] = take(1) ? 1 + take(w) : 0;
    }
    return (e.p = { doc, lvl, sym });
  }

  /** Facet table: five columns (kind, field, agency, level mask, year) of one value per document. */
  function parseTable(buf, n) {
    const b = new Uint8Array(buf);
    let pos = 0;
    const varint = () => {
      let v = 0;
      let mul = 1;
      for (;;) {
        const x = b[pos++];
        v += (x & 127) * mul;
        if (x < 128) return v;
        mul *= 128;
      }
    };
    const cols = [];
    for (let c = 0; c < 5; c++) {
      const col = new Uint32Array(n);
      const mode = b[pos++];
      if (mode === 0) {
        let at = 0;
        for (let runs = varint(); runs > 0; runs--) {
          const len = varint();
          col.fill(varint(), at, at + len);
          at += len;
        }
      } else {
        let bit = pos * 8;
        for (let i = 0; i < n; i++) {
          let v = 0;
          for (let j = 0; j < mode; j++, bit++) v = v * 2 + ((b[bit >> 3] >> (7 - (bit & 7))) & 1);
          col[i] = v;
        }
        pos += Math.ceil((n * mode) / 8);
      }
      cols.push(col);
    }
    return cols;
  }

  /** Access to one index: `get(url, 'text' | 'bytes')` returns a promise of the file. */
  class Index {
    constructor(url, get) {
      this.url = url;
      this.get = get;
      this.files = new Map();
    }

    async open() {
      const m = JSON.parse(await this.get(this.url, 'text'));
      if (m.v !== 2) throw new Error('search index format ' + m.v);
      this.m = m;
      this.n = m.docs;
      this.bounds = m.uni.keys ? m.uni.keys.split(',') : [];
      return this;
    }

    file(space, i) {
      const s = this.m[space];
      const g = Math.floor(i / this.m.group);
      const ext = space === 'frag' ? 'json' : 'bin';
      return new URL(`${s.dir}/${s.hash.substr(g * 8, 8)}/${i}.${ext}`, this.url).href;
    }

    load(url, type, parse) {
      if (!this.files.has(url)) {
        const p = this.get(url, type).then(parse);
        p.catch(() => this.files.delete(url));
        this.files.set(url, p);
      }
      return this.files.get(url);
    }

    shard(space, i) {
      return this.load(this.file(space, i), 'bytes', (buf) => parseShard(buf, space === 'uni'));
    }

    shardOf(key) {
      let lo = 0;
      let hi = this.bounds.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cmp(this.bounds[mid], key) <= 0) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }

    async uni(key) {
      return (await this.shard('uni', this.shardOf(key))).get(key) || null;
    }

    async pair(key) {
      return (await this.shard('pair', fnv32(key) % this.m.pair.n)).get(key) || null;
    }

    /** Entries whose key starts with `p`, from at most two shards. */
    async prefix(p) {
      const first = this.shardOf(p);
      const ids = [first];
      if (first < this.bounds.length && this.bounds[first].startsWith(p)) ids.push(first + 1);
      const out = [];
      for (const map of await Promise.all(ids.map((i) => this.shard('uni', i)))) {
        for (const [k, e] of map) if (k.startsWith(p)) out.push(e);
      }
      return out;
    }

    table() {
      return this.load(new URL(this.m.table, this.url).href, 'bytes', (b) => parseTable(b, this.n));
    }

    vocab() {
      return this.load(new URL(this.m.vocab, this.url).href, 'text', (t) => (this.words = t ? t.split('\n') : []));
    }

    /** The result fragment of document `d`: item `d % per` of fragment file `d / per`. */
    frag(d) {
      const per = this.m.frag.per || 1;
      return this.load(this.file('frag', Math.floor(d / per)), 'text', JSON.parse).then((list) => (Array.isArray(list) ? list[d % per] : null) || null);
    }
  }

  /* ---------- ranking ---------- */

  const LEVEL = [1, 1.4, 2.2, 3.2]; // body, frequent, summary/keywords, title
  const PAIR = 2; // a pair counts this much more than a syllable
  const COMPLETION = 0.6; // weight of a completion of the word being typed
  const EXACT = 1.5; // the query's marks match the page's spelling
  const INEXACT = 0.3; // the query has marks, the page spells the word otherwise (another word)
  const MIN_PHRASE = 10; // fewer phrase matches than this: also match syllables apart
  const MAX_TOKENS = 12;

  const idf = (n, df) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

  /**
   * Searches `q`. `typing`: the last word may be incomplete (prefix completion).
   * Returns {tokens, docs (ranked ids), notFound, suggestion, partial, marks}.
   */
  async function search(ix, q, typing) {
    const toks = tokenize(q).slice(0, MAX_TOKENS);
    const res = { tokens: toks, docs: [], notFound: [], fixed: [], suggestion: null, partial: false, marks: [] };
    if (!toks.length) return res;
    const last = toks.length - 1;
    const open = typing && /[\p{Alphabetic}\p{N}\p{M}]$/u.test(normalize(q));
    // Per token: candidate keys {k, x (exact key when the query has marks), w, e (unigram entry)}.
    const T = toks.map((t) => ({ t, c: [{ k: t.folded, x: t.marked ? t.exact : null, w: 1, e: undefined }], fixed: null }));
    const glued = (i) => i > 0 && i <= last && toks[i].glued;
    const P = []; // P[i]: pair entries between token i-1 and i: {a, b, e}

    const fetchUni = (i) =>
      Promise.all(T[i].c.map(async (c) => {
        if (c.e === undefined) c.e = await ix.uni(c.k);
      }));
    // A word that cannot be Vietnamese as typed but reads as Telex ("dangw", "kys") is looked up
    // as read, with its pairs, in the first round; as typed only when the reading is not found.
    // A Telex query then costs one round of requests, not four.
    const spec = toks.map((t, i) => {
      const tx = !(open && i === last) && unlikelyAsTyped(t.raw) ? telex(t.raw) : null;
      return tx ? { k: tx[1], x: null, w: 1, e: undefined, tx } : null;
    });
    const cands = (i) => (spec[i] ? [spec[i]] : T[i].c);
    const fetchPairs = (i) =>
      Promise.all(cands(i - 1).slice(0, 4).flatMap((a) => cands(i).slice(0, 4).map(async (b) => ({ a, b, e: await ix.pair(a.k + ' ' + b.k) }))))
        .then((list) => (P[i] = list.filter((p) => p.e)));
    // Both words typed with marks, and some page spells the pair so: it matches as a phrase only
    // where the page spells it so ("thuế đất" is not "thuê đất"); elsewhere its words count one by
    // one. A spelling no page has is taken for a slip: every spelling matches, as inexact.
    // sig: -1 no marks or not known, -2 a spelling no page has, else the signature to match.
    const sigOf = (pe) => {
      if (pe.sig === undefined) {
        pe.sig = pe.a.x && pe.b.x && pe.e.vars.length ? fnv32(pe.a.x + ' ' + pe.b.x) & 0xffff : -1;
        if (pe.sig >= 0 && !pe.e.vars.includes(pe.sig)) pe.sig = -2;
      }
      return pe.sig;
    };
    // Per posting of a pair entry, whether it matches as typed; null when all do.
    const okOf = (pe) => {
      if (pe.ok === undefined) {
        pe.ok = null;
        if (sigOf(pe) >= 0) {
          const p = postings(pe.e);
          const want = pe.e.vars.indexOf(pe.sig);
          pe.ok = p.sym.map((v) => (v === want ? 1 : 0));
        }
      }
      return pe.ok;
    };

    const inPairs = (i) => (P[i] && P[i].length) || (P[i + 1] && P[i + 1].length);
    const known = (i) => T[i].c.some((c) => c.e) || inPairs(i);

    // 1. Pairs of glued words; lone words; completions of the word being typed; the Telex
    //    reading of Telex-looking words.
    // The shard files a correction of word i to w will need: its entry and its pairs.
    const near = (i) => (w) => {
      ix.uni(w).catch(() => {});
      for (const j of [i - 1, i + 1]) {
        if (!glued(Math.max(i, j))) continue;
        for (const c of cands(j).slice(0, 4)) ix.pair(j < i ? c.k + ' ' + w : w + ' ' + c.k).catch(() => {});
      }
    };
    const jobs = [];
    for (let i = 0; i <= last; i++) {
      const lone = !glued(i) && !glued(i + 1);
      if (spec[i]) jobs.push(ix.uni(spec[i].k).then((e) => (spec[i].e = e)));
      else if (lone) jobs.push(fetchUni(i));
      if (!spec[i] && typo(toks[i]) && !(open && i === last)) {
        // A word that cannot be a syllable as typed and is no Telex ("dnag", "sihn") is likely a
        // typo: what correcting it needs travels in this round, not awaited (unused if the word
        // is found after all). Its entry and the vocabulary; or, when the vocabulary is already
        // here (fetched when the page was idle) and lacks the word, its likely correction's
        // entry and pairs: a typo then costs no round of requests more than a word typed right.
        const t = toks[i];
        if (!lone) ix.uni(t.folded).catch(() => {});
        if (!ix.words) ix.vocab().catch(() => {});
        else if (!ix.words.includes(t.folded)) {
          const w = ix.words.find((v) => oneEdit(t.folded, v));
          if (w) near(i)(w);
        }
      }
      if (glued(i) && !(open && i === last)) jobs.push(fetchPairs(i));
    }
    if (open) {
      jobs.push(fetchUni(last), ix.prefix(toks[last].folded).then((list) => {
        const more = list.filter((e) => e.key !== toks[last].folded).sort((x, y) => y.df - x.df).slice(0, 4);
        for (const e of more) T[last].c.push({ k: e.key, x: null, w: COMPLETION, e });
      }));
    }
    await Promise.all(jobs);
    if (open && glued(last)) await fetchPairs(last);

    // Telex-looking words: a reading that is a word is the correction (shown as its closest
    // attested spelling); else the word is looked up as typed, and corrected like any other.
    const read = [];
    const again = new Set();
    spec.forEach((sp, i) => {
      if (!sp) return;
      spec[i] = null;
      if (sp.e) {
        T[i].c = [Object.assign(sp, telexFix(sp.tx, sp.e))];
        T[i].fixed = sp.d;
        read.push(i);
      } else again.add(i).add(i + 1);
    });
    if (again.size) await Promise.all([...again].filter(glued).map(fetchPairs));

    // 2. Words in no pair found: look them up alone, with the vocabulary in the same round when
    //    the word could need correcting; then correct what is still unknown.
    await Promise.all(toks.map((t, i) => {
      if (known(i)) return null;
      if ([...t.folded].length >= 3 && /\p{L}/u.test(t.folded)) ix.vocab().catch(() => {});
      return fetchUni(i);
    }));
    const late = [];
    // The pair shards of a correction are fetched with its own entry (see correct).
    await Promise.all(toks.map(async (t, i) => {
      if (known(i)) return;
      const fix = await correct(ix, t, toks.some((u) => u.marked), near(i));
      if (fix) {
        T[i].c = [fix];
        T[i].fixed = fix.d;
        late.push(i);
      } else res.notFound.push(t.raw);
    }));
    if (late.length) {
      const redo = new Set(late.flatMap((i) => [i, i + 1]).filter(glued));
      await Promise.all([...redo].map(fetchPairs));
    }
    const fixedAt = [...read, ...late];
    if (fixedAt.length) {
      res.suggestion = T.map((u) => u.fixed || u.t.raw).join(' ');
      // A corrected word found in pairs counts through them, as it would have if typed right.
      for (const i of fixedAt) if (inPairs(i)) T[i].c[0].e = undefined;
    }

    // 3. Coverage: a word is matched by its unigram or by a pair it is part of.
    const req = T.map((_, i) => i).filter((i) => known(i));
    const score = async () => {
      const n = ix.n;
      const mask = new Uint16Array(n);
      const titled = new Uint16Array(n);
      const pairs = new Uint8Array(n);
      const s = new Float64Array(n);
      // Per word, the best of its candidates counts once per document; only the documents a
      // word touches are visited (no pass over every document per word).
      const best = new Float64Array(n);
      const touched = new Int32Array(n);
      req.forEach((i, bit) => {
        const m = 1 << bit;
        let nt = 0;
        for (const c of T[i].c) {
          if (!c.e) continue;
          const p = postings(c.e);
          const f = idf(n, c.e.df) * c.w;
          const ex = c.x ? c.e.vars.map((v) => (keys(v)[0] === c.x ? EXACT : INEXACT)) : null;
          for (let j = 0; j < p.doc.length; j++) {
            const d = p.doc[j];
            const v = f * LEVEL[p.lvl[j]] * (ex ? ex[p.sym[j]] || INEXACT : 1);
            const old = best[d];
            if (v > old) {
              if (old === 0) touched[nt++] = d;
              s[d] += v - old;
              best[d] = v;
            }
            mask[d] |= m;
            if (p.lvl[j] === 3) titled[d] |= m;
          }
        }
        for (let t = 0; t < nt; t++) best[touched[t]] = 0;
        for (const pi of [i, i + 1]) {
          for (const pe of P[pi] || []) {
            const p = postings(pe.e);
            const ok = okOf(pe);
            for (let j = 0; j < p.doc.length; j++) {
              if (ok && !ok[j]) continue;
              mask[p.doc[j]] |= m;
              if (p.lvl[j] === 3) titled[p.doc[j]] |= m;
            }
          }
        }
      });
      let npairs = 0;
      for (let i = 1; i <= last; i++) {
        if (!P[i] || !P[i].length) continue;
        npairs++;
        const seen = new Uint8Array(n);
        for (const pe of P[i]) {
          const { a, b, e } = pe;
          const p = postings(e);
          const f = PAIR * idf(n, e.df) * Math.min(a.w, b.w);
          const ex = sigOf(pe) === -1 ? 1 : pe.sig === -2 ? INEXACT : EXACT;
          const ok = okOf(pe);
          for (let j = 0; j < p.doc.length; j++) {
            if (ok && !ok[j]) continue;
            const d = p.doc[j];
            s[d] += f * LEVEL[p.lvl[j]] * ex;
            if (!seen[d]) (seen[d] = 1), pairs[d]++;
          }
        }
      }
      const full = (1 << req.length) - 1;
      let docs = [];
      for (let d = 0; d < n; d++) if (full && mask[d] === full) docs.push(d);
      return { mask, titled, pairs, s, npairs, full, docs };
    };

    let r = await score();
    const lacking = req.filter((i) => T[i].c.some((c) => c.e === undefined));
    if (r.docs.length < MIN_PHRASE && lacking.length) {
      await Promise.all(lacking.map(fetchUni));
      r = await score();
    }
    if (!r.docs.length && req.length > 1) {
      // Nothing has every word: show the pages with the most of them.
      const pop = (x) => { let c = 0; for (; x; x &= x - 1) c++; return c; };
      let top = 0;
      for (let d = 0; d < ix.n; d++) top = Math.max(top, pop(r.mask[d]));
      for (let d = 0; d < ix.n; d++) if (top && pop(r.mask[d]) === top) r.docs.push(d);
      res.partial = r.docs.length > 0;
    }
    const final = (d) => r.s[d] * (1 + (r.npairs ? r.pairs[d] / r.npairs : 0)) * (r.full && (r.titled[d] & r.full) === r.full ? 1.5 : 1);
    const f = new Float64Array(ix.n);
    for (const d of r.docs) f[d] = final(d);
    res.docs = r.docs.sort((a, b) => f[b] - f[a] || a - b);
    res.scores = f;
    // Words to highlight: folded keys, and the prefix of the word being typed.
    res.marks = T.flatMap((u, i) => u.c.filter((c) => c.e || inPairs(i)).map((c) => c.x || c.k));
    // fixed: words looked up as typed, not found, corrected; read: Telex read without asking.
    res.fixed = late.sort((a, b) => a - b).map((i) => toks[i].raw);
    res.read = read.sort((a, b) => a - b).map((i) => toks[i].raw);
    if (open) res.prefix = toks[last].folded;
    return res;
  }

  /** The candidate for a Telex reading `tx` found as `e`: spelled as the closest attested form. */
  function telexFix(tx, e) {
    let d = e.vars[0] || tx[1];
    let best = Infinity;
    for (const v of e.vars) {
      const dist = markDistance(keys(v)[0], tx[0]);
      if (dist < best) (best = dist), (d = v);
    }
    return { k: tx[1], x: keys(d)[0], w: 1, e, d };
  }

  // An unmarked Vietnamese syllable: initial consonant, vowels, final consonant. Telex leftovers
  // ("dangw", "kys", "ddaats", "hoon") never have this shape; foreign words and codes may not
  // either, which is why the word as typed is still looked up.
  const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;
  const unlikelyAsTyped = (w) => !SYLLABLE.test(w) || /aa|ee|dd|oo(?!ng)/.test(w);
  // Likely a typo: letters only, a vowel, three letters or more, not a syllable, not Telex.
  const typo = (t) => /^[a-z]{3,}$/.test(t.raw) && /[aeiouy]/.test(t.raw) && unlikelyAsTyped(t.raw) && !telex(t.raw);

  /** A correction of an unknown word: Telex first, then one edit away in the vocabulary. */
  async function correct(ix, t, marks, pre) {
    const tx = telex(t.raw);
    if (tx) {
      const e = await ix.uni(tx[1]);
      if (e) return telexFix(tx, e);
    }
    if ([...t.folded].length < 3) return null;
    for (const w of await ix.vocab()) {
      if (oneEdit(t.folded, w)) {
        // pre(w): start fetching what the search needs next if w is the correction.
        if (pre) pre(w);
        const e = await ix.uni(w);
        // Shown with marks only when the query has some: "dnag ky" → "dang ky", not "đăng ky".
        if (e) return { k: w, x: null, w: 1, e, d: marks ? e.vars[0] || w : w };
      }
    }
    return null;
  }

  /**
   * Runs the query path once over a made-up one-entry index (nothing is fetched), so that the
   * first real query does not pay for compiling the functions and regular expressions (Unicode
   * classes) it uses: on a fresh page that was a good part of its time. Called when idle.
   */
  async function warmUp(ix) {
    // Every shard holds "a" and "a a", in documents 0 to D − 1 (gaps 0, body: two zero bits
    // each), enough postings for the decoder and the scoring loops to get compiled.
    const D = 2000;
    const bl = (5 + 2 * D + 7) >> 3;
    const v = (x) => [(x & 127) | 128, x >> 7];
    const entry = (key) => [...key, ...v(D), 0, ...v(bl), ...new Array(bl).fill(0)];
    const shard = new Uint8Array([...entry([0, 1, 97]), ...entry([1, 2, 32, 97])]).buffer;
    const dry = new Index(ix.url, async (u, type) => (type === 'text' ? '' : shard));
    Object.assign(dry, { m: ix.m, n: D, bounds: ix.bounds });
    const res = await search(dry, 'a a a, Đăng ký dangw kys dnag 15/QĐ-UBND', false);
    await search(dry, 'a đăng k', true);
    facetCounts(await ix.table(), res.docs.filter((d) => d < ix.n), DIMS.map(() => new Set()));
    return excerpt('Hồ sơ đăng ký gồm: tờ khai, bản sao giấy tờ.', res.marks, 'an');
  }

  /* ---------- facets ---------- */

  const DIMS = [
    ['type', 'Loại'],
    ['field', 'Lĩnh vực'],
    ['agency', 'Cơ quan'],
    ['level', 'Cấp thực hiện'],
    ['year', 'Năm'],
  ];

  /** Facet values of the manifest: per dimension, [{id, label, param}] where id is the table value. */
  function facetValues(m) {
    return [
      m.kinds.map(([code, label], id) => ({ id, label, param: code })),
      m.facets.field.map((label, i) => ({ id: i + 1, label, param: slug(label) })),
      m.facets.agency.map((label, i) => ({ id: i + 1, label, param: slug(label) })),
      m.facets.level.map((label, i) => ({ id: 1 << i, label, param: slug(label) })),
      m.facets.year.map((y, i) => ({ id: i + 1, label: String(y), param: String(y) })),
    ];
  }

  /**
   * Applies the selection `sel` (array of 5 Sets of table ids, empty = any) to `docs`; returns the
   * docs that pass, and for every dimension the counts of each id among docs passing the others.
   */
  function facetCounts(cols, docs, sel) {
    const has = (c, d) => {
      const s = sel[c];
      if (!s.size) return true;
      const v = cols[c][d];
      if (c === 3) {
        for (const id of s) if (v & id) return true;
        return false;
      }
      return s.has(v);
    };
    const counts = DIMS.map(() => new Map());
    const shown = [];
    for (const d of docs) {
      let fails = 0;
      let failed = -1;
      for (let c = 0; c < 5; c++) if (!has(c, d)) fails++, (failed = c);
      if (!fails) shown.push(d);
      for (let c = 0; c < 5; c++) {
        if (fails > 1 || (fails === 1 && failed !== c)) continue;
        const v = cols[c][d];
        const add = (id) => counts[c].set(id, (counts[c].get(id) || 0) + 1);
        if (c === 3) {
          for (let b = v; b; b &= b - 1) add(b & -b);
        } else if (v || c === 0) add(v);
      }
    }
    return { shown, counts };
  }

  /* ---------- excerpts ---------- */

  /**
   * Splits `text` into [text, marked] parts. `marks` holds query keys: the exact key of a word typed
   * with marks (only that spelling is marked), else the folded key (every spelling is marked).
   */
  function highlight(text, marks, prefix) {
    const set = new Set(marks);
    const parts = [];
    let last = 0;
    for (const m of text.matchAll(WORD)) {
      const [x, f] = keys(normalize(m[0]));
      if (set.has(f) || set.has(x) || (prefix && f.startsWith(prefix))) {
        if (m.index > last) parts.push([text.slice(last, m.index), false]);
        parts.push([m[0], true]);
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) parts.push([text.slice(last), false]);
    return parts;
  }

  /** A window of about `size` characters of `text` around its first marked word. */
  function excerpt(text, marks, prefix, size = 220) {
    text = text.replace(/\s+/g, ' ').trim();
    const parts = highlight(text, marks, prefix);
    let at = 0;
    let first = -1;
    for (const [t, m] of parts) {
      if (m) {
        first = at;
        break;
      }
      at += t.length;
    }
    let start = first < 0 ? 0 : Math.max(0, first - 60);
    if (start > 0) {
      const sp = text.indexOf(' ', start);
      start = sp < 0 || sp > first ? start : sp + 1;
    }
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const sp = text.lastIndexOf(' ', end);
      if (sp > start) end = sp;
    }
    const cut = (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
    return highlight(cut, marks, prefix);
  }

  /* ---------- page ---------- */

  // One collator: localeCompare(…, 'vi') builds a new one per call (a quarter of a millisecond).
  let collator = null;
  const collate = (a, b) => (collator = collator || new Intl.Collator('vi')).compare(a, b);

  const PAGE = 10;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    for (const c of children) if (c != null) e.append(c); // strings become text nodes
    return e;
  }

  function marked(parts) {
    const f = document.createDocumentFragment();
    for (const [t, m] of parts) f.append(m ? el('mark', null, t) : t);
    return f;
  }

  function init() {
    const results = document.querySelector('[data-search-results]');
    const url = (SCRIPT && SCRIPT.dataset.manifest) || (results && results.dataset.manifest);
    if (!results || !url) return;
    const status = document.querySelector('[data-search-status]');
    const facetsBox = document.querySelector('[data-search-facets]');
    const forms = [...document.querySelectorAll('form[role=search]')];
    const inputs = forms.map((f) => f.querySelector('[name=q]')).filter(Boolean);
    // XMLHttpRequest rather than fetch: its load event brings the whole body in one task,
    // where fetch takes one for the headers and another for the body. Text is UTF-8, as with
    // fetch's text().
    const get = (u, type) =>
      new Promise((resolve, reject) => {
        const x = new XMLHttpRequest();
        x.open('GET', u);
        x.responseType = 'arraybuffer';
        x.onload = () => (x.status >= 200 && x.status < 300 ? resolve(type === 'text' ? UTF8D.decode(x.response) : x.response) : reject(new Error(x.status + ' ' + u)));
        x.onerror = () => reject(new Error('network error ' + u));
        x.send();
      });
    const ixp = new Index(new URL(url, location.href).href, get).open();
    // The facet table is needed by every search: fetch it with the manifest. Then, when idle and
    // unless there is a query, get the query path compiled (warmUp) and the collator built.
    const idle = window.requestIdleCallback || ((f) => setTimeout(f, 50));
    ixp.then((ix) => ix.table().then(() => idle(() => {
      if (state.q.trim() || state.f.some((f) => f.size)) return;
      collate('a', 'b');
      warmUp(ix).then((parts) => marked(parts)).catch(() => {});
      // The vocabulary (a few KB, cached for good like every index file): with it, a typo is
      // corrected in the query's first round of requests.
      ix.vocab().catch(() => {});
    }))).catch(() => {});
    let values = null;
    let seq = 0;
    let last = null; // {q, res, cols}
    let shownCount = PAGE;
    let drawn = 0; // renders started

    const say = (...parts) => status && status.replaceChildren(...parts);

    function readUrl() {
      const p = new URLSearchParams(location.search);
      return { q: p.get('q') || '', f: DIMS.map(([name]) => new Set(p.getAll(name))) };
    }

    let state = readUrl();

    // History: facets and a submitted query push an entry; typing pushes one for the new query
    // when it starts, then replaces it keystroke by keystroke (submitting keeps that entry), so
    // that Back returns to the previous query rather than leaving the page.
    let typedEntry = false;

    const here = () => location.pathname + location.search;
    function stateUrl() {
      const p = new URLSearchParams();
      if (state.q) p.set('q', state.q);
      DIMS.forEach(([name], c) => [...state.f[c]].sort().forEach((v) => p.append(name, v)));
      const s = p.toString();
      return location.pathname + (s ? '?' + s : '');
    }

    function writeUrl(push) {
      const u = stateUrl();
      if (u === here()) return false;
      history[push ? 'pushState' : 'replaceState'](null, '', u);
      return push;
    }

    // A search writes the URL once its first result is shown (history calls cost the browser
    // work, and Chromium fetches the favicon again), or after 250 ms at the latest. A pending
    // write is done (with the state it was for) before the state changes again.
    let urlLater = null; // {push, from (the URL then), then (after the write)}
    let urlTimer = 0;
    function flushUrl() {
      const w = urlLater;
      urlLater = null;
      clearTimeout(urlTimer);
      if (w && writeUrl(w.push) && w.then) w.then();
    }
    function writeLater(push, then) {
      urlLater = { push: push && stateUrl() !== here(), from: here(), then };
      urlTimer = setTimeout(flushUrl, 250);
    }

    async function run(typing) {
      const my = ++seq;
      const q = state.q.trim();
      let ix;
      try {
        ix = await ixp;
      } catch (e) {
        say('Không tải được chỉ mục tìm kiếm.');
        flushUrl();
        return;
      }
      values = values || facetValues(ix.m);
      const anyFacet = state.f.some((s) => s.size);
      if (!q && !anyFacet) {
        last = null;
        drawn++;
        results.replaceChildren();
        facetsBox && facetsBox.replaceChildren();
        say('Nhập từ khóa để tìm kiếm.');
        flushUrl();
        return;
      }
      say('Đang tìm…');
      const [res, cols] = await Promise.all([
        q ? search(ix, q, typing) : { tokens: [], docs: [...Array(ix.n).keys()], notFound: [], fixed: [], marks: [] },
        ix.table(),
      ]).catch(() => [null, null]);
      if (my !== seq) return;
      if (!res) {
        say('Không tải được chỉ mục tìm kiếm.');
        flushUrl();
        return;
      }
      last = { q, res, cols, ix };
      shownCount = PAGE;
      render();
    }

    async function render() {
      const { q, res, cols, ix } = last;
      const sel = values.map((vals, c) => new Set(vals.filter((v) => state.f[c].has(v.param)).map((v) => v.id)));
      // The fragments are asked for first (without filters, before the facets are even
      // counted): the first result's alone, the others once it has arrived, so that it does not
      // share the connection, the server and the main thread with nine others.
      const frags = (docs) => {
        const one = (d) => ix.frag(d).catch(() => null);
        const first = docs.length ? one(docs[0]) : null;
        return docs.map((d, i) => (i ? first.then(() => one(d)) : first));
      };
      const all = sel.every((s) => !s.size);
      let pending = all ? frags(res.docs.slice(0, shownCount)) : null;
      const { shown, counts } = facetCounts(cols, res.docs, sel);
      const page = shown.slice(0, shownCount);
      pending = pending || frags(page);
      const parts = [];
      if (q) {
        parts.push(shown.length ? `${shown.length} kết quả cho “${q}”.` : `Không có kết quả cho “${q}”.`);
      } else parts.push(`${shown.length} trang.`);
      const missing = [...res.fixed, ...res.notFound];
      if (missing.length) parts.push(' Không tìm thấy: ' + missing.join(', ') + '.');
      if (res.suggestion) {
        const a = el('a', { href: '?' + new URLSearchParams({ q: res.suggestion }) }, res.suggestion);
        a.addEventListener('click', (e) => {
          e.preventDefault();
          setQuery(res.suggestion, true);
        });
        parts.push(' Có phải bạn muốn tìm: ', a, '?');
        if (shown.length) parts.push(` Kết quả dưới đây là cho “${res.suggestion}”.`);
      }
      if (res.partial) parts.push(' Không trang nào có đủ các từ; đây là các trang có nhiều từ nhất.');
      if (!shown.length && res.docs.length) parts.push(' Hãy bỏ bớt bộ lọc.');
      say(...parts);
      // Results appear as soon as the first fragment arrives; the others follow in rank order.
      // A newer render (another query, a facet ticked, "more") abandons this one.
      const mine = ++drawn;
      const list = el('ol', { class: 'search-results' });
      let placed = false;
      // The first result goes in first; the facets and the URL follow it, in the next task.
      const place = () => {
        if (placed) return;
        results.replaceChildren(list);
        placed = true;
        setTimeout(() => {
          if (mine === drawn) renderFacets(counts);
          flushUrl();
        }, 0);
      };
      for (let i = 0; i < page.length; i++) {
        const f = await pending[i];
        if (mine !== drawn) return;
        if (!f) continue;
        const d = page[i];
        const kind = ix.m.kinds[cols[0][d]];
        const meta = el('p', { class: 'search-result-meta' }, el('span', { class: 'search-result-kind' }, kind ? kind[1] : ''));
        if (f.d) meta.append(' · ', el('span', { class: 'search-result-date' }, f.d));
        list.append(el('li', { class: 'search-result' },
          el('a', { class: 'search-result-title', href: f.u }, marked(highlight(f.t, res.marks, res.prefix))),
          meta,
          el('p', { class: 'search-result-excerpt' }, marked(excerpt(f.x || '', res.marks, res.prefix)))));
        place();
      }
      place();
      if (shown.length > shownCount) {
        const more = el('button', { type: 'button', class: 'search-more' }, `Xem thêm kết quả (${shown.length - shownCount})`);
        more.addEventListener('click', () => {
          shownCount += PAGE;
          render();
        });
        results.append(more);
      }
    }

    function renderFacets(counts) {
      if (!facetsBox) return;
      const boxes = [];
      DIMS.forEach(([name, legend], c) => {
        const vals = values[c]
          .map((v) => ({ ...v, n: counts[c].get(v.id) || 0, on: state.f[c].has(v.param) }))
          .filter((v) => v.n || v.on);
        if (!vals.length) return;
        if (c === 4) vals.sort((a, b) => b.label.localeCompare(a.label));
        else vals.sort((a, b) => b.n - a.n || collate(a.label, b.label));
        const list = el('ul');
        for (const v of vals.slice(0, 12)) {
          const box = el('input', { type: 'checkbox', name, value: v.param });
          box.checked = v.on;
          box.addEventListener('change', () => {
            flushUrl();
            state.f[c][box.checked ? 'add' : 'delete'](v.param);
            typedEntry = false;
            writeUrl(true);
            shownCount = PAGE;
            render();
          });
          list.append(el('li', null, el('label', null, box, ' ' + v.label + ' ', el('span', { class: 'search-facet-count' }, `(${v.n})`))));
        }
        boxes.push(el('fieldset', { class: 'search-facet' }, el('legend', null, legend), list));
      });
      facetsBox.replaceChildren(...boxes);
    }

    function setQuery(q, push) {
      flushUrl();
      state.q = q;
      for (const i of inputs) i.value = q;
      const entry = push && !typedEntry;
      typedEntry = false;
      run(false);
      writeLater(entry);
    }

    let timer = 0;
    for (const input of inputs) {
      input.value = state.q;
      input.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          flushUrl();
          state.q = input.value;
          run(true);
          writeLater(!typedEntry, () => (typedEntry = true));
        }, 120);
      });
      input.form.addEventListener('submit', (e) => {
        e.preventDefault();
        clearTimeout(timer);
        setQuery(input.value, true);
      });
    }
    window.addEventListener('popstate', () => {
      // Back while the entry of a new query was not yet written: the browser left the entry
      // shown before it, one too far; put that entry back, as Back from the new query would.
      const w = urlLater;
      urlLater = null;
      clearTimeout(urlTimer);
      if (w && w.push) history.pushState(null, '', w.from);
      typedEntry = false;
      state = readUrl();
      for (const i of inputs) i.value = state.q;
      run(false);
    });
    run(false);
  }

  const api = { normalize, fold, keys, split, tokenize, telex, slug, fnv32, cmp, oneEdit, markDistance, parseShard, postings, parseTable, Index, search, correct, warmUp, facetValues, facetCounts, highlight, excerpt };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else if (HAS_DOM) init();
})();
