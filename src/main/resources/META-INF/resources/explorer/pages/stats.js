// /explorer/stats — charts of GET /v1/stats, each with its numbers as a table.
import { h, number, money, country } from '../dom.js';
import { barChart, legend, table } from '../charts.js';

const COLORS = { detention: '#1d5fa8', fine: '#a8321d', ruling: '#2b6e35', bill_reading: '#6b3fa0' };

export async function stats(c) {
  const { t, lang } = c;
  const [byMonth, byCountry] = await Promise.all([
    c.api('/v1/stats?groupBy=month'),
    c.api('/v1/stats?groupBy=country'),
  ]);
  const months = byMonth.groups;
  const n = (v) => number(v, lang);
  const usd = (v) => money({ amount: v, currency: 'USD' }, lang);
  const monthLabel = (key) => key;
  const types = [['detention', 'detentions'], ['fine', 'fines'], ['ruling', 'rulings'], ['bill_reading', 'billReadings']];
  const series = types.map(([type]) => ({ name: t(`type.${type}`), color: COLORS[type] }));

  const figure = (title, chart, legendNode, tableNode, note) => h('figure', { class: 'chart-box' },
    h('figcaption', null, h('h2', null, title)), legendNode, chart, note,
    h('details', null, h('summary', null, t('stats.table')), tableNode));

  if (!months.length) {
    return { title: t('stats.title'), nodes: [h('h1', { tabindex: '-1' }, t('stats.title')), h('p', null, t('stats.empty'))] };
  }
  const perMonth = figure(t('stats.perMonth'),
    barChart({ title: t('stats.perMonth'), series, format: n,
      rows: months.map((g) => ({ label: monthLabel(g.key), values: types.map(([, k]) => g[k] || 0) })) }),
    legend(series),
    table(t('stats.perMonth'), [t('stats.month'), ...series.map((s) => s.name), t('stats.records')],
      months.map((g) => [monthLabel(g.key), ...types.map(([, k]) => n(g[k] || 0)), n(g.records)])));

  const withDetentions = months.filter((g) => g.detainedPeople || g.detentionDays);
  const detained = figure(t('stats.detained'),
    barChart({ title: t('stats.detained'), series: [{ name: t('stats.detainedCol'), color: COLORS.detention }], format: n,
      rows: withDetentions.filter((g) => g.detainedPeople).map((g) => ({ label: monthLabel(g.key), values: [g.detainedPeople] })) }),
    null,
    table(t('stats.detained'), [t('stats.month'), t('stats.detainedCol'), t('stats.daysCol')],
      withDetentions.map((g) => [monthLabel(g.key), n(g.detainedPeople), n(g.detentionDays)])));
  const days = figure(t('stats.days'),
    barChart({ title: t('stats.days'), series: [{ name: t('stats.daysCol'), color: COLORS.ruling }], format: n,
      rows: withDetentions.filter((g) => g.detentionDays).map((g) => ({ label: monthLabel(g.key), values: [g.detentionDays] })) }),
    null,
    table(t('stats.days'), [t('stats.month'), t('stats.daysCol')],
      withDetentions.filter((g) => g.detentionDays).map((g) => [monthLabel(g.key), n(g.detentionDays)])));
  const countries = byCountry.groups;
  const withoutRate = countries.reduce((a, g) => a + (g.finesWithoutRate || 0), 0);
  const fines = figure(t('stats.fines'),
    barChart({ title: t('stats.fines'), series: [{ name: t('stats.usdCol'), color: COLORS.fine }], format: (v) => usd(v.toFixed(2)),
      rows: countries.map((g) => ({ label: g.key, values: [Number(g.fineTotalUsd)] })) }),
    null,
    table(t('stats.fines'), [t('stats.countryCol'), t('stats.finesCol'), t('stats.usdCol')],
      countries.map((g) => [country(g.key, lang), n(g.fines), usd(g.fineTotalUsd)])),
    withoutRate ? h('p', { class: 'muted' }, t('stats.noRate', { n: withoutRate })) : null);

  return {
    title: t('stats.title'),
    nodes: [h('h1', { tabindex: '-1' }, t('stats.title')), h('p', { class: 'lead' }, t('stats.lead')), perMonth, detained, days, fines],
  };
}
