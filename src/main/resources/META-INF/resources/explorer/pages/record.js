// /explorer/records/{id} — everything a record holds, and where it stands in the log.
import { h, facts, time, precision, money, number, country, sentence, dateText } from '../dom.js';
import { typeBadge, verifyControl } from './parts.js';

export async function record(c, id) {
  const { t, lang } = c;
  const r = await c.api(`/v1/records/${encodeURIComponent(id)}`);
  const d = r.details || {};
  const derived = r.derived || {};
  const [actors, theCase, theBill] = await Promise.all([
    Promise.all((r.actors || []).map((a) => actorName(c, a.actorId))),
    r.caseId ? c.api(`/v1/cases/${r.caseId}`, { cached: true }).catch(() => null) : null,
    r.billId ? c.api(`/v1/bills/${r.billId}`, { cached: true }).catch(() => null) : null,
  ]);
  const title = t('rec.title', { type: t(`type.${r.type}`), date: dateText(r.occurredOn, lang) });
  const recordLink = (rid) => h('a', { href: c.link(`records/${rid}`) }, rid);

  const when = h('span', null, r.approximate ? `${t('rec.approx')} ` : null, time(r.occurredOn, lang),
    h('span', { class: 'muted' }, ` (${t('prec.label', { p: t(`prec.${precision(r.occurredOn)}`) })})`));

  const sections = [
    h('h1', { tabindex: '-1' }, typeBadge(t, r.type), ' ', h('span', null, title)),
    derived.supersededBy || derived.retracted ? h('p', { class: 'notice' },
      derived.supersededBy ? sentence(t('hist.supersededBy'), { link: recordLink(derived.supersededBy) }) : null, ' ',
      derived.retracted ? (derived.retractedBy ? sentence(t('hist.retractedBy'), { link: recordLink(derived.retractedBy) }) : t('hist.retracted')) : null) : null,
    h('p', { class: 'summary full', lang: r.language || 'en' }, r.summary),
    facts([
      [t('rec.when'), when],
      [t('rec.where'), r.place ? h('span', { lang: r.language || 'en' }, r.place) : null],
      [t('rec.country'), country(r.country, lang)],
      [t('rec.case'), theCase ? h('a', { href: c.link(`cases/${r.caseId}`) }, theCase.title) : r.caseId],
      [t('rec.bill'), theBill ? h('a', { href: c.link(`bills/${r.billId}`) }, theBill.title) : r.billId],
      [t('rec.tags'), (r.tags || []).length ? h('ul', { class: 'tags' }, r.tags.map((tag) => h('li', null, h('a', { href: c.link(`?tag=${encodeURIComponent(tag)}`) }, tag)))) : null],
      [t('rec.language'), r.language],
      [t('rec.confidentiality'), t.enum('confidentiality', r.confidentiality)],
    ]),
    section(t('rec.actors'), (r.actors || []).length ? h('ul', { class: 'actors' }, (r.actors || []).map((a, i) => h('li', null,
      actors[i] ? h('a', { href: c.link(`actors/${a.actorId}`) }, actors[i].shown) : h('span', null, `${t('actor.unknown')} ${a.actorId}`),
      h('span', { class: 'muted' }, ` — ${t.enum('role', a.role)}`),
      actors[i] && actors[i].protected ? h('span', { class: 'badge protected' }, t('protected')) : null))) : null),
    section(t('rec.details'), details(c, r, d, derived, recordLink)),
    section(t('rec.sources'), h('ol', { class: 'sources' }, (r.sources || []).map((s) => h('li', null,
      // Only web addresses become links: a source is data a partner wrote, not a script to run.
      /^https?:\/\//i.test(s.url) ? h('a', { href: s.url, rel: 'noopener noreferrer nofollow', class: 'ext' }, s.title || s.publisher || s.url)
        : h('span', { class: 'ext' }, `${s.title || s.publisher || ''} ${s.url}`),
      h('span', { class: 'muted' }, [s.title && s.publisher ? ` — ${s.publisher}` : '', s.publishedOn ? `, ${t('src.published', { date: dateText(s.publishedOn, lang) })}` : '']),
      s.excerpt ? h('blockquote', { class: 'excerpt' }, s.excerpt.split(/\n\n+/).map((p) => h('p', null, p))) : null)))),
    section(t('rec.history'), history(c, r, derived, recordLink)),
    section(t('rec.log'), [
      facts([
        [t('rec.position'), String(r.position)],
        [t('rec.recorded'), h('span', null, time(r.recordedAt, lang), ` — ${t('rec.by', { who: r.recordedBy })}`)],
        [t('rec.contentHash'), h('code', { class: 'hash' }, r.contentHash)],
        [t('rec.hash'), h('code', { class: 'hash' }, r.hash)],
      ]),
      verifyControl(c, () => [r]),
    ]),
  ];
  return { title, nodes: sections };
}

function section(title, body) {
  if (!body || (Array.isArray(body) && !body.filter(Boolean).length)) return null;
  return h('section', null, h('h2', null, title), body);
}

/** An actor as an anonymous reader may see it: a protected person by pseudonym only. */
async function actorName(c, id) {
  try {
    const a = await c.api(`/v1/actors/${id}`, { cached: true });
    return { shown: a.protected && a.pseudonym ? a.pseudonym : a.name, protected: Boolean(a.protected) };
  } catch (e) {
    return null;
  }
}

function details(c, r, d, derived, recordLink) {
  const { t, lang } = c;
  const f = (k) => t.enum('field', k);
  const rows = [];
  if (r.type === 'detention') {
    rows.push([f('authority'), d.authority], [f('legalBasis'), d.legalBasis],
      [f('detainedCount'), d.detainedCount != null ? number(d.detainedCount, lang) : null],
      [f('start'), d.start ? time(d.start, lang) : null], [f('end'), d.end ? time(d.end, lang) : null],
      [f('durationHours'), d.durationHours != null ? number(d.durationHours, lang) : null],
      [f('outcome'), d.outcome ? t.enum('outcome', d.outcome) : null]);
  } else if (r.type === 'fine') {
    rows.push([t('money.printed'), money(d.amount, lang)],
      [t('money.reported'), d.reportedUsd ? money(d.reportedUsd, lang) : null],
      [t('money.usd'), usd(c, d.amount, derived.usdEquivalent)],
      [f('issuedBy'), d.issuedBy], [f('legalBasis'), d.legalBasis],
      [f('rulingId'), d.rulingId ? recordLink(d.rulingId) : null]);
  } else if (r.type === 'ruling') {
    const s = d.sentence;
    rows.push([f('court'), d.court], [f('instance'), d.instance ? t.enum('instance', d.instance) : null],
      [f('caseNumber'), d.caseNumber], [f('verdict'), d.verdict ? t.enum('verdict', d.verdict) : null],
      [f('sentence'), s ? sentenceText(c, s) : null],
      [t('money.usd'), s && s.amount ? usd(c, s.amount, derived.usdEquivalent) : null],
      [f('appealOf'), d.appealOf ? recordLink(d.appealOf) : null], [f('legalBasis'), d.legalBasis]);
  } else if (r.type === 'bill_reading') {
    rows.push([f('chamber'), d.chamber ? t.enum('chamber', d.chamber) : null], [f('chamberName'), d.chamberName],
      [f('stage'), d.stage ? t.enum('stage', d.stage) : null], [f('outcome'), d.outcome ? t.enum('outcome', d.outcome) : null],
      [f('votes'), d.votes ? ['for', 'against', 'abstain'].filter((k) => d.votes[k] != null).map((k) => `${f(k)}: ${number(d.votes[k], lang)}`).join(', ') : null]);
  } else if (r.type === 'retraction') {
    rows.push([f('retracts'), d.retracts ? recordLink(d.retracts) : null], [f('reason'), d.reason ? h('span', { lang: r.language || 'en' }, d.reason) : null]);
  }
  const dl = facts(rows);
  return dl.children.length ? dl : null;
}

function sentenceText(c, s) {
  const { t, lang } = c;
  const parts = [t.enum('sentence', s.kind)];
  for (const unit of ['years', 'months', 'days']) {
    if (s[unit] != null) parts.push(t.enum('unit', unit).replace('{n}', number(s[unit], lang)));
  }
  if (s.amount) parts.push(money(s.amount, lang));
  return parts.join(', ');
}

/** The USD equivalent, with the rate's date and source: the reader can check the arithmetic. */
function usd(c, amount, eq) {
  const { t, lang } = c;
  if (!amount || amount.currency === 'USD') return null;
  if (!eq) return h('span', { class: 'muted' }, t('money.noRate'));
  return h('span', null, h('strong', null, money(eq, lang)), h('br'),
    h('small', null, t('money.rate', { rate: eq.rate, currency: amount.currency, date: dateText(eq.rateDate, lang), source: eq.rateSource, rounding: eq.rounding ? ` (${eq.rounding})` : '' })));
}

function history(c, r, derived, recordLink) {
  const { t } = c;
  const lines = [];
  if (r.supersedes) lines.push(sentence(t('hist.supersedes'), { link: recordLink(r.supersedes) }));
  if (r.type === 'retraction' && r.details?.retracts) lines.push(sentence(t('hist.retracts'), { link: recordLink(r.details.retracts) }));
  if (derived.supersededBy) lines.push(sentence(t('hist.supersededBy'), { link: recordLink(derived.supersededBy) }));
  if (derived.retracted) lines.push(derived.retractedBy ? sentence(t('hist.retractedBy'), { link: recordLink(derived.retractedBy) }) : [t('hist.retracted')]);
  if (!lines.length) return h('p', null, t('hist.none'));
  return h('ul', { class: 'history' }, lines.map((l) => h('li', null, l)));
}
