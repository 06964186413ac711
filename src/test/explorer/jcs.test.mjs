// The explorer's RFC 8785 canonical JSON and hashing, against the RFC's examples and the
// README's worked example (known answers). Runs in node: node jcs.test.mjs
import assert from 'node:assert/strict';
import { canonicalize } from '../../main/resources/META-INF/resources/explorer/jcs.js';
import { contentHash, chainHash } from '../../main/resources/META-INF/resources/explorer/verify.js';

const cases = [
  // RFC 8785 §3.2.2: literals, numbers in ES6 form, strings with the minimal escapes
  ['{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'],
  // RFC 8785 §3.2.3: keys sorted by UTF-16 code units (the emoji's surrogates before U+FB33)
  ['{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}'],
  // Nesting, arrays keep their order, whitespace goes, -0 is 0, integers stay integers
  ['{ "b" : [ 3, {"z":1,"a":[]} ], "a" : { } , "c": -0, "d": 1e21, "e": 100 }', '{"a":{},"b":[3,{"a":[],"z":1}],"c":0,"d":1e+21,"e":100}'],
  ['"\\u2028\\u2029"', '"\u2028\u2029"'],
  ['[]', '[]'],
];
for (const [input, expected] of cases) {
  assert.equal(canonicalize(JSON.parse(input)), expected, input);
}
assert.throws(() => canonicalize({ a: Infinity }), TypeError);
assert.throws(() => canonicalize({ a: undefined }), TypeError);

// README "Verifying the chain": content {"b": 1, "a": "é"} at positions 1 and 2.
const entry = { position: 1, b: 1, a: 'é', contentHash: 'x', hash: 'y', derived: { supersededBy: 'z' } };
const leaf = await contentHash(entry);
assert.equal(leaf, '173bf5bd98e4912947a5e28949cd1120804d2213e37241ea26567dd22074981b');
const first = await chainHash(1, null, leaf);
assert.equal(first, '97c943119c8ed26c8e51be962ab66235274a05dfbc03ef3f61f2e0ce1067e07e');
assert.equal(await chainHash(2, first, leaf), 'b7228377094f38746581fa342780bf5ca1c0fbd77297557482ac1ac6dce0dfdb');
console.log(`jcs: ${cases.length + 2} canonical forms and 3 known hashes agree`);
