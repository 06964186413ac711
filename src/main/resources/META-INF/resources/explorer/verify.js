// Verifies in the browser what the log promises (docs/log-format.md):
//   contentHash = SHA-256(0x00 ‖ JCS(content)), content = the entry minus position, contentHash, hash, derived
//   hash        = SHA-256(0x02 ‖ be64(position) ‖ previous hash ‖ contentHash)
// and that the head's checkpoint is signed (Ed25519 over "rights-ledger:checkpoint:v1:<position>:<hash>").
import { canonicalize } from './jcs.js';

const LOG_FIELDS = new Set(['position', 'contentHash', 'hash', 'derived']);
const ZERO = new Uint8Array(32);
const MAX_SPAN = 100000;

export function hex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function unhex(text) {
  if (!/^[0-9a-f]{64}$/.test(text || '')) throw new Error('not a SHA-256 hex: ' + text);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(text.substr(i * 2, 2), 16);
  return out;
}

function unbase64(text) {
  const bin = atob(text);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function sha256(...parts) {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const all = new Uint8Array(length);
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

export function content(entry) {
  const out = {};
  for (const [k, v] of Object.entries(entry)) if (!LOG_FIELDS.has(k)) out[k] = v;
  return out;
}

export async function contentHash(entry) {
  const bytes = new TextEncoder().encode(canonicalize(content(entry)));
  return hex(await sha256(Uint8Array.of(0), bytes));
}

export async function chainHash(position, previousHex, contentHashHex) {
  const be64 = new Uint8Array(8);
  new DataView(be64.buffer).setBigUint64(0, BigInt(position));
  const previous = previousHex ? unhex(previousHex) : ZERO;
  return hex(await sha256(Uint8Array.of(2), be64, previous, unhex(contentHashHex)));
}

export async function checkSignature(checkpoint, publicKey) {
  if (checkpoint.algorithm !== 'Ed25519' || publicKey.algorithm !== 'Ed25519') return false;
  const key = await crypto.subtle.importKey('spki', unbase64(publicKey.publicKey), { name: 'Ed25519' }, false, ['verify']);
  const message = new TextEncoder().encode(`rights-ledger:checkpoint:v1:${checkpoint.position}:${checkpoint.hash}`);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, unbase64(checkpoint.signature), message);
}

/**
 * Checks the entries on screen against the log. `api(path)` fetches JSON from the API.
 * Resolves to {ok: true, count, checkpoint, span} or {ok: false, failure: {code, position?, served?, computed?}};
 * the page words the failure. `progress(done, total)` reports the chain replay.
 */
export async function verifyEntries(entries, api, progress = () => {}) {
  const shown = [...entries].filter((e) => e && Number.isInteger(e.position)).sort((a, b) => a.position - b.position);
  if (!shown.length) return { ok: false, failure: { code: 'nothing' } };
  for (const e of shown) {
    const computed = await contentHash(e);
    if (computed !== e.contentHash) {
      return { ok: false, failure: { code: 'content', position: e.position, id: e.id, served: e.contentHash, computed } };
    }
  }
  let [checkpoint, publicKey] = await Promise.all([api('/v1/log/checkpoint'), api('/v1/log/public-key')]);
  if (shown[shown.length - 1].position > checkpoint.position) checkpoint = await api('/v1/log/checkpoint');
  let signed = false;
  try { signed = await checkSignature(checkpoint, publicKey); } catch (e) { signed = false; }
  if (!signed) return { ok: false, failure: { code: 'signature', position: checkpoint.position, keyId: checkpoint.keyId } };

  // Replay the chain from the entry before the first one shown up to the signed head.
  const first = shown[0].position;
  const span = checkpoint.position - first + 1;
  if (span > MAX_SPAN) return { ok: false, failure: { code: 'span', span } };
  const byPosition = new Map(shown.map((e) => [e.position, e]));
  let previous = null;
  let after = first - 2;
  if (first === 1) { after = 0; previous = hex(ZERO); }
  let position = first - 1;
  while (position < checkpoint.position) {
    const page = await api(`/v1/feed?after=${after}&limit=${Math.min(5000, checkpoint.position - after)}`);
    if (!page.items.length) return { ok: false, failure: { code: 'missing', position: position + 1 } };
    for (const e of page.items) {
      if (e.position > checkpoint.position) break;
      if (previous === null) { previous = e.hash; position = e.position; continue; }
      if (e.position !== position + 1) return { ok: false, failure: { code: 'missing', position: position + 1 } };
      if (!e.redacted) {
        const computed = await contentHash(e);
        if (computed !== e.contentHash) {
          return { ok: false, failure: { code: 'feedContent', position: e.position, served: e.contentHash, computed } };
        }
      }
      const computed = await chainHash(e.position, previous, e.contentHash);
      if (computed !== e.hash) {
        return { ok: false, failure: { code: 'chain', position: e.position, served: e.hash, computed } };
      }
      const mine = byPosition.get(e.position);
      if (mine && (mine.hash !== e.hash || mine.contentHash !== e.contentHash)) {
        return { ok: false, failure: { code: 'notInLog', position: e.position, served: mine.hash, computed: e.hash } };
      }
      previous = e.hash;
      position = e.position;
    }
    after = page.next;
    progress(position - first + 1, span);
  }
  if (previous !== checkpoint.hash) {
    return { ok: false, failure: { code: 'head', position: checkpoint.position, served: checkpoint.hash, computed: previous } };
  }
  return { ok: true, count: shown.length, checkpoint, span };
}
