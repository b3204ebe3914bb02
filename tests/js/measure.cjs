// Bytes and time of typical queries against an index on disk, without a browser:
//   MINHBACH_SEARCH_SITE=/tmp/s cargo test write_synthetic_index -- --ignored
//   node tests/js/measure.cjs /tmp/s
// Each query starts cold (a new page: nothing cached but the manifest) and fetches what the page
// would: its shards, the facet table, and the fragments of the first 10 results.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const S = require('../../themes/default/static/search.js');

const QUERIES = [
  'đăng ký khai sinh', 'dang ky khai sinh', 'tạm trú', 'tam tru', 'dat dai', 'đất đai',
  'giấy chứng nhận quyền sử dụng đất', 'so do', 'sổ đỏ', 'cấp lại giấy phép lái xe', 'ngân sách năm 2025',
  'ket luan thanh tra', 'hộ nghèo', 'phòng cháy chữa cháy', 'thủ tục hành chính', 'xã hòa bình',
  'nong thon moi', 'khieu nai', 'dangw kys', 'ddaats ddai', 'dnag ky ket hon', 'hoa binh', 'kĩ thuật',
  'cccd', 'ho khau',
];

async function main() {
  const dir = process.argv[2] || '/tmp/minhbach-search';
  const manifest = fs.readFileSync(path.join(dir, 'manifest-path.txt'), 'utf8').trim();
  const base = 'file:///site/';
  let bytes = 0;
  let requests = 0;
  const get = async (url, type) => {
    const buf = fs.readFileSync(path.join(dir, decodeURIComponent(url.slice(base.length))));
    bytes += buf.length;
    requests++;
    return type === 'text' ? buf.toString('utf8') : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
  };
  const m = await new S.Index(base + manifest, get).open();
  const manifestBytes = bytes;
  console.log(`manifest ${manifestBytes} bytes, ${m.n} documents`);
  console.log('query'.padEnd(36), 'results', 'shards+frags', 'table', 'requests', 'ms');
  const rows = [];
  for (const q of QUERIES) {
    const ix = new S.Index(m.url, get);
    ix.m = m.m; ix.n = m.n; ix.bounds = m.bounds;
    bytes = 0; requests = 0;
    const t0 = process.hrtime.bigint();
    const res = await S.search(ix, q, false);
    await Promise.all(res.docs.slice(0, 10).map((d) => ix.frag(d)));
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const own = bytes;
    await ix.table();
    const table = bytes - own;
    rows.push({ q, own, table, ms });
    console.log(q.padEnd(36), String(res.docs.length).padStart(7), String(own).padStart(12), String(table).padStart(6),
      String(requests).padStart(8), ms.toFixed(1).padStart(6), res.suggestion ? `→ ${res.suggestion}` : '', res.notFound.length ? `not found: ${res.notFound}` : '');
  }
  const own = rows.map((r) => r.own).sort((a, b) => a - b);
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  const med = (a) => a[a.length >> 1];
  console.log(`per query: median ${med(own)} bytes, max ${own[own.length - 1]}; ` +
    `time median ${med(ms).toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms`);
}
main();
