// Pieces several pages share: a record in a list, the verify control, loading more.
import { h, time, country, sentence, short } from '../dom.js';
import { verifyEntries } from '../verify.js';

export function typeBadge(t, type) {
  return h('span', { class: `badge type-${type}` }, t(`type.${type}`));
}

/** A record as an item of a list or timeline. */
export function recordCard(c, r, { fresh = false } = {}) {
  const { t, lang } = c;
  const derived = r.derived || {};
  const title = `${timeText(c, r.occurredOn)}${r.place ? ` · ${r.place}` : ''}`;
  return h('li', { class: `card${fresh ? ' fresh' : ''}`, 'data-id': r.id, 'data-position': r.position, 'data-occurred': r.occurredOn },
    h('article', null,
      h('p', { class: 'meta' },
        typeBadge(t, r.type), ' ',
        fresh ? h('span', { class: 'badge new' }, t('live.new')) : null, fresh ? ' ' : null,
        derived.supersededBy ? h('span', { class: 'badge muted' }, t('hist.badgeSuperseded')) : null,
        derived.retracted ? h('span', { class: 'badge muted' }, t('hist.badgeRetracted')) : null,
        h('span', { class: 'where' }, country(r.country, lang)),
        h('span', { class: 'pos' }, `#${r.position}`)),
      h('h3', null, h('a', { href: c.link(`records/${r.id}`) },
        h('span', { class: 'sr-only' }, `${t(`type.${r.type}`)}: `), r.approximate ? `≈ ${title}` : title)),
      h('p', { class: 'summary', lang: r.language || 'en' }, r.summary),
      r.tags && r.tags.length ? h('ul', { class: 'tags', 'aria-label': t('rec.tags') },
        r.tags.map((tag) => h('li', null, h('a', { href: c.link(`?tag=${encodeURIComponent(tag)}`) }, tag)))) : null));
}

function timeText(c, iso) {
  return time(iso, c.lang).textContent;
}

/** "Verify in the browser": checks the entries `entries()` returns against the signed log. */
export function verifyControl(c, entries) {
  const { t } = c;
  const out = h('div', { class: 'verify-result', role: 'status', 'aria-live': 'polite', id: 'verify-result' });
  const button = h('button', { type: 'button', class: 'verify' }, t('verify.button'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    out.className = 'verify-result';
    out.replaceChildren(t('verify.running'));
    try {
      if (!(crypto && crypto.subtle)) throw new Error(t('verify.unsupported'));
      const result = await verifyEntries(entries(), c.api, (done, total) => {
        out.replaceChildren(t('verify.progress', { done, total }));
      });
      if (result.ok) {
        out.className = 'verify-result ok';
        out.replaceChildren(h('strong', null, '✓ '), t(result.count === 1 ? 'verify.ok.one' : 'verify.ok', {
          count: result.count, position: result.checkpoint.position, keyId: result.checkpoint.keyId }));
      } else {
        const f = result.failure;
        out.className = 'verify-result fail';
        out.replaceChildren(h('strong', null, `✗ ${t('verify.fail')} `), t(`verify.${f.code}`, {
          ...f, served: short(f.served), computed: short(f.computed) }));
      }
    } catch (e) {
      out.className = 'verify-result fail';
      out.replaceChildren(h('strong', null, `✗ ${t('verify.fail')} `), t('verify.error', { detail: e.message }));
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'verify-box' }, button, out);
}

/** A list that pages by cursor: `fetchPage(cursor)` → {items, next}. */
export async function pagedList(c, fetchPage, render, { emptyText }) {
  const list = h('ol', { class: 'cards' });
  const shown = [];
  const more = h('button', { type: 'button', class: 'more' }, c.t('timeline.more'));
  const holder = h('div', null, list);
  let next = null;
  const load = async () => {
    const page = await fetchPage(next);
    for (const item of page.items) { shown.push(item); list.append(render(item)); }
    next = page.next;
    more.hidden = !next;
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    const before = list.children.length;
    try { await load(); } finally { more.disabled = false; }
    const first = list.children[before]?.querySelector('a');
    if (first) first.focus();
  });
  await load();
  if (!shown.length) holder.replaceChildren(h('p', null, emptyText));
  else holder.append(more);
  return { node: holder, shown };
}

export { sentence };
