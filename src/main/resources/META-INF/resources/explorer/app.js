// The explorer: a reader's client built only on the public JSON API (docs/explorer.md).
import { translator, pickLanguage, LANGS } from './i18n.js';
import { h, sentence } from './dom.js';
import { home } from './pages/home.js';
import { record } from './pages/record.js';
import { actor, courtCase, bill } from './pages/timelines.js';
import { stats } from './pages/stats.js';

const ROOT = new URL('.', document.baseURI).pathname;
const API = (document.querySelector('meta[name="ledger-api"]')?.content || '').trim().replace(/\/+$/, '');
const main = document.getElementById('main');
const announcer = document.getElementById('announce');

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

const cache = new Map();

/** GET a JSON resource of the API; `cached` keeps it for the session (actors, bills, cases). */
export async function api(path, { cached = false } = {}) {
  if (cached && cache.has(path)) return cache.get(path);
  const answer = (async () => {
    const response = await fetch(API + path, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      let detail = `HTTP ${response.status}`;
      try {
        const problem = await response.json();
        detail = problem.detail || problem.title || detail;
      } catch (e) { /* no problem body */ }
      throw new ApiError(response.status, detail);
    }
    return response.json();
  })();
  if (cached) {
    cache.set(path, answer);
    answer.catch(() => cache.delete(path));
  }
  return answer;
}

const state = { lang: 'en', t: null, cleanups: [], rendered: 0 };

function chooseLanguage() {
  let stored = null;
  try { stored = localStorage.getItem('explorer.lang'); } catch (e) { /* storage off */ }
  setLanguage(pickLanguage(stored, navigator.languages || [navigator.language]));
}

function setLanguage(lang) {
  state.lang = lang;
  state.t = translator(lang);
  document.documentElement.lang = lang;
  const t = state.t;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.getElementById('skip').textContent = t('skip');
  document.getElementById('nav').setAttribute('aria-label', t('nav.main'));
  document.getElementById('langs').setAttribute('aria-label', t('lang.group'));
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  const apiText = API || location.origin;
  document.getElementById('foot').replaceChildren(...sentence(t('foot'), {
    api: h('a', { href: `${API}/q/swagger-ui` }, `${apiText}/v1`),
  }));
}

/** What every page gets: translation, the API, links into the app, and a way to say things. */
function context(params) {
  return {
    t: state.t,
    lang: state.lang,
    api,
    apiBase: API,
    params,
    link: (path) => ROOT + path,
    announce(text) {
      announcer.textContent = '';
      setTimeout(() => { announcer.textContent = text; }, 50);
    },
    onLeave(fn) { state.cleanups.push(fn); },
    navigate,
  };
}

const ROUTES = [
  [/^$/, (c) => home(c)],
  [/^records\/([0-9a-fA-F-]{1,64})\/?$/, (c, id) => record(c, id)],
  [/^actors\/([0-9a-fA-F-]{1,64})\/?$/, (c, id) => actor(c, id)],
  [/^cases\/([0-9a-fA-F-]{1,64})\/?$/, (c, id) => courtCase(c, id)],
  [/^bills\/([0-9a-fA-F-]{1,64})\/?$/, (c, id) => bill(c, id)],
  [/^stats\/?$/, (c) => stats(c)],
];

async function render({ focus }) {
  for (const fn of state.cleanups.splice(0)) fn();
  const t = state.t;
  const path = location.pathname.startsWith(ROOT) ? location.pathname.slice(ROOT.length) : '';
  const params = new URLSearchParams(location.search);
  const ticket = ++state.rendered;
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(h('p', { class: 'loading' }, t('loading')));
  let page;
  try {
    const route = ROUTES.find(([re]) => re.test(path));
    if (!route) throw new ApiError(404, t('error.notFound'));
    page = await route[1](context(params), ...path.match(route[0]).slice(1));
  } catch (e) {
    const notFound = e instanceof ApiError && e.status === 404;
    page = {
      title: notFound ? t('error.notFound') : t('error.load', { what: path || '/', detail: e.message }),
      nodes: [h('h1', { tabindex: '-1' }, notFound ? t('error.notFound') : t('error.load', { what: path || '/', detail: '' })),
        notFound ? null : h('p', { role: 'alert' }, e.message),
        h('p', null, h('a', { href: ROOT }, t('nav.records')))],
    };
  }
  if (ticket !== state.rendered) return;
  main.replaceChildren(...page.nodes.filter(Boolean));
  main.removeAttribute('aria-busy');
  document.title = `${page.title} · rights-ledger`;
  for (const a of document.querySelectorAll('#nav a')) {
    const current = new URL(a.href).pathname === location.pathname;
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (focus) {
    const heading = main.querySelector('h1');
    (heading || main).focus();
  }
  if (page.after) page.after();
}

export function navigate(href, { replace = false } = {}) {
  const url = new URL(href, document.baseURI);
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  render({ focus: true });
}

document.addEventListener('click', (event) => {
  const a = event.target.closest('a[href]');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(ROOT) || url.pathname + url.search === location.pathname + location.search && url.hash) return;
  event.preventDefault();
  navigate(url.href);
});

window.addEventListener('popstate', () => render({ focus: true }));

// With <base href>, "#main" would point at the app's root, not at this page: move focus instead.
document.getElementById('skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

document.getElementById('langs').addEventListener('click', (event) => {
  const b = event.target.closest('[data-lang]');
  if (!b || !LANGS.includes(b.dataset.lang)) return;
  try { localStorage.setItem('explorer.lang', b.dataset.lang); } catch (e) { /* storage off */ }
  setLanguage(b.dataset.lang);
  render({ focus: false }).then(() => b.focus());
});

chooseLanguage();
render({ focus: false });
