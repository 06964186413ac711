// RFC 8785 JSON Canonicalization Scheme for values that came from JSON.parse.
// ECMAScript already gives what RFC 8785 prescribes: Number-to-string (§3.2.2.3) and string
// escaping (§3.2.2.2) are JSON.stringify's, and keys sort by UTF-16 code units (§3.2.3),
// which is what Array.prototype.sort compares. What is left: order the keys, no whitespace.
export function canonicalize(value) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError('JCS: ' + value + ' is not a JSON number');
    }
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      throw new TypeError('JCS: ' + typeof value + ' is not JSON');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return '[' + value.map(canonicalize).join(',') + ']';
  }
  const keys = Object.keys(value).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalize(value[k])).join(',') + '}';
}
