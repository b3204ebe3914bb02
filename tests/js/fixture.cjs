// Test helper: an Index over the fixture files in vectors.json, recording what it loads.
'use strict';
const S = require('../../themes/default/static/search.js');
const F = require('./vectors.json').fixture;

/** An Index over the fixture files of the vectors, counting what it loads. */
function fixtureIndex() {
  const base = 'https://example.test/';
  const loaded = [];
  const get = async (url, type) => {
    const p = url.slice(base.length);
    const b64 = F.files[p];
    if (b64 === undefined) throw new Error('404 ' + p);
    const buf = Buffer.from(b64, 'base64');
    loaded.push([p, buf.length]);
    return type === 'text' ? buf.toString('utf8') : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
  };
  const ix = new S.Index(base + F.manifest, get);
  ix.loaded = loaded;
  return ix;
}
module.exports = { fixtureIndex };
