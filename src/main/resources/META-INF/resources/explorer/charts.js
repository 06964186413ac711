// Horizontal bar charts in inline SVG, one row per group: they read the same on a 390-px phone
// as on a desktop. Each chart has a text alternative (its title and a table of the numbers).
import { h } from './dom.js';

const ROW = 22;
const LABEL = 56;
const WIDTH = 360;
let ids = 0;

/**
 * rows: [{label, values: [n, …]}]; series: [{name, color}] (stacked in that order);
 * format(n) for the value at the end of each bar.
 */
export function barChart({ title, rows, series, format }) {
  const id = `chart-${++ids}`;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const plot = WIDTH - LABEL - 84;
  const height = rows.length * ROW + 6;
  const svg = h('svg:svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': `${id}-t`, class: 'chart', width: WIDTH, height },
    h('svg:title', { id: `${id}-t` }, title));
  rows.forEach((r, i) => {
    const y = i * ROW + 4;
    svg.append(h('svg:text', { x: LABEL - 6, y: y + ROW / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'label' }, r.label));
    let x = LABEL;
    r.values.forEach((v, s) => {
      if (!v) return;
      const w = Math.max(1, (v / max) * plot);
      svg.append(h('svg:rect', { x, y: y + 3, width: w, height: ROW - 8, fill: series[s].color }));
      x += w;
    });
    const total = r.values.reduce((a, b) => a + b, 0);
    svg.append(h('svg:text', { x: x + 4, y: y + ROW / 2, 'dominant-baseline': 'middle', class: 'value' }, format(total)));
  });
  return svg;
}

/** The series' colours, as HTML so that it wraps on a phone. */
export function legend(series) {
  if (series.length < 2) return null;
  return h('ul', { class: 'legend' }, series.map((s) => h('li', null,
    h('svg:svg', { width: 12, height: 12, 'aria-hidden': 'true' }, h('svg:rect', { width: 12, height: 12, fill: s.color })), ' ', s.name)));
}

export function table(caption, head, rows) {
  return h('div', { class: 'table-wrap' }, h('table', null,
    h('caption', { class: 'sr-only' }, caption),
    h('thead', null, h('tr', null, head.map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
    h('tbody', null, rows.map((r) => h('tr', null, r.map((c, i) => (i ? h('td', { class: 'num' }, c) : h('th', { scope: 'row' }, c))))))));
}
