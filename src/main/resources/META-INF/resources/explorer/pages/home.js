// /explorer/ — the newest records, filtered with the query parameters of GET /v1/records,
// paged by cursor, with new entries arriving live.
import { h } from '../dom.js';
import { WELCOME_KK } from '../i18n.js';
import { follow } from '../live.js';
import { recordCard, verifyControl } from './parts.js';

const API_PARAMS = ['type', 'country', 'from', 'to', 'tag', 'q', 'actor', 'case', 'bill', 'include', 'limit', 'cursor'];
const FORM_PARAMS = ['type', 'country', 'from', 'to', 'tag', 'q'];
const TYPES = ['detention', 'fine', 'ruling', 'bill_reading', 'retraction'];
const DATE = '\\d{4}(-\\d{2}(-\\d{2})?)?';

export async function home(c) {
  const { t, params } = c;
  const query = new URLSearchParams();
  for (const name of API_PARAMS) {
    const value = params.get(name);
    if (value) query.set(name, value);
  }
  if (!query.has('limit')) query.set('limit', '20');
  // The head first: an entry committed between the two requests comes by the stream (and is shown once).
  const head = params.get('cursor') ? null : await c.api('/v1/log/head').catch(() => null);
  let page = null;
  let problem = null;
  try {
    page = await c.api(`/v1/records?${query}`);
  } catch (e) {
    if (e.status !== 400) throw e;
    problem = e.message;
  }
  const filtered = FORM_PARAMS.some((p) => params.get(p));
  const shown = page ? [...page.items] : [];
  const list = h('ol', { class: 'cards', 'aria-label': t('home.title') }, shown.map((r) => recordCard(c, r)));
  const liveLine = h('p', { class: 'live', id: 'live' });
  const nodes = [
    h('h1', { tabindex: '-1' }, t('home.title')),
    h('p', { class: 'welcome', lang: 'kk' }, WELCOME_KK),
    h('p', { class: 'lead' }, t('home.lead')),
    filters(c, filtered),
    problem ? h('p', { class: 'problem', role: 'alert' }, problem) : null,
    page ? h('div', { class: 'toolbar' }, liveLine, verifyControl(c, () => shown)) : null,
    page && !shown.length ? h('p', null, t('list.none')) : null,
    page ? h('h2', { class: 'sr-only' }, t('list.count', { n: shown.length })) : null,
    list,
    page ? pager(c, params, page.next) : null,
  ];
  return {
    title: t('home.title'),
    nodes,
    after: () => {
      if (!page || !head) { liveLine.remove(); return; }
      startLive(c, head.position, params, list, shown, liveLine);
    },
  };
}

function filters(c, open) {
  const { t, params } = c;
  const field = (name, label, input, hint) => h('div', { class: 'field' },
    h('label', { for: `f-${name}` }, label), input,
    hint ? h('small', { id: `f-${name}-hint` }, hint) : null);
  const text = (name, extra = {}) => h('input', { id: `f-${name}`, name, value: params.get(name) || '', autocomplete: 'off', ...extra });
  const form = h('form', { class: 'filters', method: 'get', action: c.link(''), role: 'search' },
    field('type', t('f.type'), h('select', { id: 'f-type', name: 'type' },
      h('option', { value: '' }, t('f.any')),
      TYPES.map((ty) => h('option', { value: ty, selected: params.get('type') === ty }, t(`type.${ty}`))))),
    field('country', t('f.country'), text('country', { pattern: '[A-Za-z]{2}', maxlength: 2, class: 'short', autocapitalize: 'characters' })),
    field('from', t('f.from'), text('from', { pattern: DATE, placeholder: '2025-02', 'aria-describedby': 'f-date-hint', inputmode: 'numeric' })),
    field('to', t('f.to'), text('to', { pattern: DATE, placeholder: '2025-12', 'aria-describedby': 'f-date-hint', inputmode: 'numeric' })),
    field('tag', t('f.tag'), text('tag', { pattern: '[a-z0-9-]+', placeholder: 'feminita' })),
    field('q', t('f.q'), text('q', { type: 'search' })),
    h('p', { class: 'hint', id: 'f-date-hint' }, t('f.dateHint')),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, t('f.apply')),
      open ? h('a', { href: c.link(''), class: 'clear' }, t('f.clear')) : null));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FORM_PARAMS) {
      let value = form.elements[name].value.trim();
      if (name === 'country') value = value.toUpperCase();
      if (value) next.set(name, value);
    }
    for (const name of ['actor', 'case', 'bill', 'include']) if (params.get(name)) next.set(name, params.get(name));
    const search = next.toString();
    c.navigate(c.link(search ? `?${search}` : ''));
  });
  const details = h('details', { class: 'filter-box', open: open || window.matchMedia('(min-width: 48rem)').matches },
    h('summary', null, t('filters')), form);
  return details;
}

function pager(c, params, next) {
  const { t } = c;
  const links = [];
  if (params.get('cursor')) {
    const first = new URLSearchParams(params);
    first.delete('cursor');
    links.push(h('a', { href: c.link(first.size ? `?${first}` : ''), class: 'page' }, `« ${t('page.first')}`));
  }
  if (next) {
    const older = new URLSearchParams(params);
    older.set('cursor', next);
    links.push(h('a', { href: c.link(`?${older}`), class: 'page', rel: 'next' }, `${t('page.next')} »`));
  }
  return links.length ? h('nav', { class: 'pager', 'aria-label': t('page.label') }, links) : null;
}

/** Whether a new entry belongs in the list as filtered (the filters the page can judge by itself). */
function matches(r, params) {
  if (!['detention', 'fine', 'ruling', 'bill_reading', 'retraction'].includes(r.type)) return false;
  if (params.get('type') && r.type !== params.get('type')) return false;
  if (params.get('country') && r.country !== params.get('country').toUpperCase()) return false;
  if (params.get('tag') && !(r.tags || []).includes(params.get('tag'))) return false;
  if (params.get('actor') && !(r.actors || []).some((a) => a.actorId === params.get('actor'))) return false;
  if (params.get('case') && r.caseId !== params.get('case')) return false;
  if (params.get('bill') && r.billId !== params.get('bill')) return false;
  const from = params.get('from');
  const to = params.get('to');
  if (from && r.occurredOn.slice(0, from.length) < from.slice(0, r.occurredOn.length)) return false;
  if (to && r.occurredOn.slice(0, to.length) > to.slice(0, r.occurredOn.length)) return false;
  return true;
}

function startLive(c, after, params, list, shown, line) {
  const { t } = c;
  const searching = Boolean(params.get('q'));
  const stop = follow(c.apiBase, after, (entry) => {
    if (!matches(entry, params) || shown.some((r) => r.id === entry.id)) return;
    if (searching) {
      line.replaceChildren(t('live.search'), ' ', h('a', { href: location.pathname + location.search }, t('live.reload')));
      return;
    }
    shown.unshift(entry);
    list.prepend(recordCard(c, entry, { fresh: true }));
    c.announce(t('live.announce', { summary: entry.summary.slice(0, 120) }));
  }, (connected, why) => {
    if (searching && line.querySelector('a')) return;
    line.classList.toggle('off', !connected);
    line.textContent = connected ? t('live.on') : t(why === 'shutdown' ? 'live.shutdown' : 'live.off');
  });
  c.onLeave(stop);
}
