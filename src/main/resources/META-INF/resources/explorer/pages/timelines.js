// /explorer/actors/{id}, /explorer/cases/{id}, /explorer/bills/{id} — the timelines.
import { h, facts, time, country, number } from '../dom.js';
import { recordCard, verifyControl, pagedList } from './parts.js';

const STAGES = ['introduced', 'reading_1', 'reading_2', 'reading_3', 'passed', 'signed', 'in_force'];

export async function actor(c, id) {
  const { t, lang } = c;
  const a = await c.api(`/v1/actors/${encodeURIComponent(id)}`, { cached: true });
  // A protected person is shown by pseudonym; the API gives an anonymous reader nothing else.
  const name = a.protected && a.pseudonym ? a.pseudonym : a.name;
  const timeline = await pagedList(c,
    (cursor) => c.api(`/v1/actors/${a.id}/records?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    (r) => recordCard(c, r), { emptyText: t('timeline.none') });
  return {
    title: name,
    nodes: [
      h('h1', { tabindex: '-1' }, name),
      a.protected ? h('p', null, h('span', { class: 'badge protected' }, t('protected'))) : null,
      facts([
        [t('actor.kind'), t.enum('kind', a.kind)],
        [t('rec.country'), a.country ? country(a.country, lang) : null],
        [t('actor.aliases'), !a.protected && (a.aliases || []).length ? a.aliases.join(', ') : null],
        [t('rec.recorded'), h('span', null, t('actor.revision', { n: a.revision }), ', ', time(a.recordedAt, lang))],
      ]),
      h('h2', null, t('actor.timeline')),
      timeline.shown.length ? verifyControl(c, () => timeline.shown) : null,
      timeline.node,
    ],
  };
}

export async function courtCase(c, id) {
  const { t, lang } = c;
  const k = await c.api(`/v1/cases/${encodeURIComponent(id)}`, { cached: true });
  const timeline = await pagedList(c,
    (cursor) => c.api(`/v1/cases/${k.id}/records?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    (r) => recordCard(c, r), { emptyText: t('timeline.none') });
  return {
    title: k.title,
    nodes: [
      h('h1', { tabindex: '-1' }, k.title),
      facts([
        [t('case.court'), k.court],
        [t('case.number'), k.caseNumber],
        [t('rec.country'), k.country ? country(k.country, lang) : null],
      ]),
      h('h2', null, t('case.timeline')),
      timeline.shown.length ? verifyControl(c, () => timeline.shown) : null,
      timeline.node,
    ],
  };
}

export async function bill(c, id) {
  const { t, lang } = c;
  const b = await c.api(`/v1/bills/${encodeURIComponent(id)}`, { cached: true });
  const [initiators, records] = await Promise.all([
    Promise.all((b.initiators || []).map((aid) => c.api(`/v1/actors/${aid}`, { cached: true }).then(
      (a) => ({ id: aid, name: a.protected && a.pseudonym ? a.pseudonym : a.name }), () => ({ id: aid, name: aid })))),
    c.api(`/v1/records?bill=${b.id}&limit=200`).then((p) => p.items, () => []),
  ]);
  const readings = b.readings || [];
  const reached = new Set(readings.map((r) => r.stage));
  // The usual path, each step marked when a reading reached it; a stage off the path (vetoed, …) is added.
  const steps = [...STAGES, ...[...reached].filter((s) => !STAGES.includes(s))];
  return {
    title: b.title,
    nodes: [
      h('h1', { tabindex: '-1' }, b.title),
      facts([
        [t('bill.number'), b.number],
        [t('rec.country'), b.country ? country(b.country, lang) : null],
        [t('bill.initiators'), initiators.length ? h('ul', { class: 'inline' }, initiators.map((a) => h('li', null, h('a', { href: c.link(`actors/${a.id}`) }, a.name)))) : null],
        [t('bill.stage'), b.stage ? h('strong', null, t.enum('stage', b.stage)) : null],
      ]),
      h('h2', null, t('bill.path')),
      h('ol', { class: 'stages' }, steps.map((s) => h('li', {
        class: s === b.stage ? 'current' : reached.has(s) ? 'done' : 'todo',
        'aria-current': s === b.stage ? 'step' : null,
      }, t.enum('stage', s)))),
      readings.length ? h('ol', { class: 'readings' }, readings.map((r) => h('li', null,
        h('a', { href: c.link(`records/${r.recordId}`) }, time(r.occurredOn, lang)), ' — ',
        h('strong', null, t.enum('stage', r.stage)),
        r.chamberName ? `, ${r.chamberName}` : r.chamber ? `, ${t.enum('chamber', r.chamber)}` : '',
        r.outcome ? ` (${t.enum('outcome', r.outcome)})` : '',
        r.votes ? ` ${number(r.votes.for ?? 0, lang)}/${number(r.votes.against ?? 0, lang)}/${number(r.votes.abstain ?? 0, lang)}` : ''))) : h('p', null, t('bill.noReadings')),
      records.length ? verifyControl(c, () => records) : null,
      records.length ? h('ol', { class: 'cards' }, records.map((r) => recordCard(c, r))) : null,
    ],
  };
}
