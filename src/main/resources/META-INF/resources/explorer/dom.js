// Building the page from data without innerHTML: every text from the API goes in as text.
export function h(tag, attrs, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class' && !svg) el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A translated sentence with nodes in its {placeholders}, e.g. "corrects {link}." */
export function sentence(text, nodes) {
  const out = [];
  let at = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    out.push(text.slice(at, m.index), nodes[m[1]] ?? m[0]);
    at = m.index + m[0].length;
  }
  out.push(text.slice(at));
  return out;
}

/** dl rows from [label, value] pairs, leaving out empty values. */
export function facts(rows, cls = 'facts') {
  const dl = h('dl', { class: cls });
  for (const [label, value] of rows) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) continue;
    dl.append(h('dt', null, label), h('dd', null, value));
  }
  return dl;
}

export function precision(iso) {
  if (/^\d{4}$/.test(iso)) return 'year';
  if (/^\d{4}-\d{2}$/.test(iso)) return 'month';
  return 'day';
}

/** A reduced-precision date as a reader says it: "2025", "June 2025", "14 June 2025". */
export function dateText(iso, lang) {
  if (!iso) return '';
  try {
    if (/^\d{4}$/.test(iso)) return iso;
    if (/^\d{4}-\d{2}$/.test(iso)) {
      return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(iso + '-01T00:00:00Z'));
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
      return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso + 'T00:00:00Z'));
    }
    const d = new Date(iso);
    if (!Number.isNaN(d.getTime())) return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(d) + ' UTC';
  } catch (e) { /* shown as sent */ }
  return iso;
}

export function time(iso, lang) {
  return h('time', { datetime: iso }, dateText(iso, lang));
}

export function money(m, lang) {
  if (!m) return '';
  const decimals = (String(m.amount).split('.')[1] || '').length;
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency: m.currency, currencyDisplay: 'code',
      minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(Number(m.amount));
  } catch (e) {
    return `${m.amount} ${m.currency}`;
  }
}

export function number(n, lang) {
  return new Intl.NumberFormat(lang).format(n);
}

export function country(code, lang) {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch (e) {
    return code;
  }
}

export function short(hash) {
  return String(hash || '').slice(0, 12);
}
