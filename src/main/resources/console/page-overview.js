// Overview: every endpoint with its service, auth, signature, flows and rules and its counts per
// answer code over the last minute and hour; a chart of accepted and refused per minute; Redis
// and worker health, the stream's backlog and the dead letters.

import * as api from './api.js';
import {clear, el, hash, link} from './dom.js';
import {chart} from './chart.js';

const REFRESH_MS = 5000;

export async function render(page) {
  const main = page.main;
  main.appendChild(el('h1', null, 'Overview'));
  const holder = el('div', {id: 'overview'});
  main.appendChild(holder);
  const after = page.query.get('after') || '';
  const load = async () => {
    const answer = await api.get('/overview' + (after ? '?after=' + encodeURIComponent(after) : ''));
    if (page.alive()) {
      show(holder, answer, after);
    }
  };
  await load();
  const timer = setInterval(() => load().catch(() => {}), REFRESH_MS);
  page.onLeave(() => clearInterval(timer));
}

function show(holder, o, after) {
  clear(holder);
  const endpoints = Array.isArray(o.endpoints) ? o.endpoints : [];
  holder.appendChild(health(o));
  holder.appendChild(el('section', {class: 'card wide'},
    el('h2', null, 'Accepted and refused per minute, last hour'),
    chart(total(endpoints), {id: 'chart'})));
  const rows = endpoints.map((e) => el('tr', {'data-id': String(e.id)},
    el('td', {class: 'mono'}, link(e.id, 'endpoints', e.id)),
    el('td', null, e.service),
    el('td', null, e.auth),
    el('td', null, e.signature || '—'),
    el('td', null, names(e.flows)),
    el('td', null, names(e.rules)),
    el('td', null, counts(e.counts && e.counts.minute)),
    el('td', null, counts(e.counts && e.counts.hour)),
    el('td', null, e.history ? link('events', 'endpoints', e.id, 'events') : 'history off', ' · ',
      link('variables', 'endpoints', e.id, 'variables'))));
  holder.appendChild(el('section', null, el('h2', null, 'Endpoints'),
    el('table', {class: 'endpoints', 'data-testid': 'endpoints'},
      el('thead', null, el('tr', null, ['Endpoint', 'Service', 'Auth', 'Signature', 'Flows', 'Rules', 'Last minute', 'Last hour', '']
        .map((h) => el('th', null, h)))),
      el('tbody', null, rows))));
  if (o.next) {
    const a = document.createElement('a');
    a.href = hash('overview', {after: o.next});
    a.textContent = 'Next endpoints';
    holder.appendChild(el('p', null, a));
  } else if (after) {
    holder.appendChild(el('p', null, link('First endpoints', 'overview')));
  }
}

function health(o) {
  const redis = o.redis || {};
  const workers = o.workers || {};
  const stream = o.stream || {};
  const card = (title, ok, lines, id) => el('section', {class: 'card ' + (ok ? 'ok' : 'bad'), id},
    el('h2', null, title), lines.map((l) => el('p', null, l)));
  return el('div', {class: 'cards'},
    card('Redis', redis.ok === true, [redis.ok ? 'up' : 'DOWN', 'mode ' + (redis.mode || '?'),
      typeof redis.millis === 'number' ? 'PING ' + redis.millis.toFixed(1) + ' ms' : ''], 'health-redis'),
    card('Workers', (workers.consumers || 0) > 0 || (workers.instances || 0) > 0,
      [(workers.instances ?? '?') + ' instances here', (workers.consumers ?? '?') + ' consumers in the group'], 'health-workers'),
    card('Stream', (stream.lag || 0) < 1000, ['length ' + (stream.length ?? '?'), 'pending ' + (stream.pending ?? '?'),
      // Redis answers -1 when it cannot tell the group's lag (entries deleted or trimmed since).
      'lag ' + (stream.lag == null || stream.lag < 0 ? 'unknown' : stream.lag)], 'health-stream'),
    card('Dead letters', !o.deadLetters, [String(o.deadLetters ?? '?'), link('open', 'dead-letters')], 'health-dead'));
}

function names(list) {
  return Array.isArray(list) && list.length ? list.join(', ') : '—';
}

function counts(byCode) {
  if (!byCode || typeof byCode !== 'object') {
    return '—';
  }
  const entries = Object.entries(byCode).sort(([a], [b]) => (a < b ? -1 : 1));
  if (!entries.length) {
    return '—';
  }
  return el('span', {class: 'counts'}, entries.map(([code, n]) =>
    el('span', {class: 'count ' + (code === '1002' ? 'accepted' : 'refused'), title: 'code ' + code}, code + ': ' + n)));
}

/** The endpoints' series added up, minute by minute. */
function total(endpoints) {
  const byMinute = new Map();
  for (const e of endpoints) {
    for (const p of Array.isArray(e.series) ? e.series : []) {
      const sum = byMinute.get(p.t) || {t: p.t, accepted: 0, refused: 0};
      sum.accepted += Number(p.accepted) || 0;
      sum.refused += Number(p.refused) || 0;
      byMinute.set(p.t, sum);
    }
  }
  return [...byMinute.values()].sort((a, b) => a.t - b.t);
}
