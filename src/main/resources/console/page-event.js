// Event: one history record: its request (headers as stored, masked), the body pretty-printed or
// raw, the variables the workers flatten from it, Inlet's answer, the diagnosis of a refusal, the
// outcome of every attempt as a timeline, and a Replay button.

import * as api from './api.js';
import {button, clear, el, facts, link, problem, table, time} from './dom.js';
import {bodyView} from './pretty.js';
import {safeClass} from './page-events.js';

const MAX_ROWS = 2000;

export async function render(page) {
  const {id, eventId} = page.params;
  const main = page.main;
  main.appendChild(el('nav', {class: 'crumbs'}, link('Overview', 'overview'), ' / ', link(id, 'endpoints', id), ' / ',
    link('events', 'endpoints', id, 'events'), ' / ', eventId));
  const holder = el('div');
  main.appendChild(holder);
  const path = '/v1/endpoints/' + encodeURIComponent(id) + '/events/' + encodeURIComponent(eventId);
  const record = await api.get(path);
  if (!page.alive()) {
    return;
  }
  show(page, holder, id, path, record);
}

function show(page, holder, id, path, r) {
  clear(holder);
  const answer = r.answer || {};
  holder.appendChild(el('h1', null, 'Event ', el('span', {class: 'mono'}, r.id)));
  const replayStatus = el('p', {id: 'replay-status', 'aria-live': 'polite'});
  const replay = button('Replay', async () => {
    replay.disabled = true;
    replayStatus.textContent = 'Replaying…';
    try {
      const done = await api.post(path + '/replay');
      const runs = (r.outcome && r.outcome.runs || []).length;
      replayStatus.textContent = 'Replayed (transid ' + ((done.replayed || [])[0] || {}).transid + '); waiting for its attempt…';
      await waitForAttempt(page, holder, id, path, runs, replayStatus);
    } catch (e) {
      replayStatus.textContent = 'Not replayed: ' + e.message;
      replay.disabled = false;
    }
  }, {id: 'replay', disabled: answer.code !== '1002'});
  holder.appendChild(el('div', {class: 'toolbar'}, replay,
    button('Refresh', () => reload(page, holder, id, path).catch(page.fail), {id: 'refresh'}), replayStatus));

  if (r.diagnosis) {
    holder.appendChild(el('section', {class: 'diagnosis-box', id: 'diagnosis'},
      el('h2', null, 'Why it was refused'), el('p', null, String(r.diagnosis))));
  }
  holder.appendChild(el('section', {id: 'answer'}, el('h2', null, 'Answer'), facts([
    ['Code', answer.code],
    ['HTTP status', answer.status === undefined ? '' : String(answer.status)],
    ['Transid', answer.transid],
    ['Took', answer.millis === undefined ? '' : answer.millis + ' ms'],
  ])));
  holder.appendChild(el('section', {id: 'request'}, el('h2', null, 'Request'), facts([
    ['Received', time(r.receivedAt)],
    ['Service', r.service],
    ['Client', r.client],
    ['Through proxy', r.peer],
    ['Method', r.method],
    ['Path', r.path],
    ['Query', r.query],
    ['Format', r.format],
    ['Body', r.bodyBytes === undefined ? '' : r.bodyBytes + ' bytes' + (r.bodyKept !== undefined && r.bodyKept !== r.bodyBytes ? ' (' + r.bodyKept + ' kept)' : '')],
  ])));
  const headers = r.headers && typeof r.headers === 'object' ? Object.entries(r.headers) : [];
  holder.appendChild(el('section', {id: 'headers'}, el('h2', null, 'Headers'),
    headers.length ? table(['Name', 'Value'], headers.map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]), {class: 'kv'})
      : el('p', {class: 'muted'}, 'None kept.'),
    el('p', {class: 'muted'}, 'Credentials (key, Authorization, cookies) are never kept; signature values are masked.')));
  holder.appendChild(el('section', {id: 'body'}, el('h2', null, 'Body'),
    bodyView(r.body, r.format, r.headers && r.headers['content-type'], r.bodyEncoding)));
  holder.appendChild(variablesSection(r));
  holder.appendChild(timeline(r.outcome));
  followWhileUnsettled(page, holder, id, path, r);
}

const SETTLING = new Set(['pending', 'retrying']);
const FOLLOW_MS = 1500;
const FOLLOW_MOST = 80;

/** While the event waits for (another) attempt, its page reloads itself, so the outcome shows up. */
function followWhileUnsettled(page, holder, id, path, r) {
  const followed = page.followed || 0;
  if (!r.outcome || !SETTLING.has(r.outcome.state) || followed >= FOLLOW_MOST) {
    return;
  }
  page.followed = followed + 1;
  const timer = setTimeout(() => reload(page, holder, id, path).catch(() => {}), FOLLOW_MS);
  page.onLeave(() => clearTimeout(timer));
}

function variablesSection(r) {
  const section = el('section', {id: 'variables'}, el('h2', null, 'Variables'));
  const vars = r.variables && typeof r.variables === 'object' ? Object.entries(r.variables) : [];
  if (r.variablesNote) {
    section.appendChild(el('p', {class: 'muted'}, String(r.variablesNote)));
  }
  if (vars.length) {
    section.appendChild(variablesTable(vars));
  } else if (!r.variablesNote) {
    section.appendChild(el('p', {class: 'muted'}, 'No variables.'));
  }
  return section;
}

/** The table of [name, value] variables, the first MAX_ROWS with a "show all" for the rest. */
export function variablesTable(entries) {
  const row = ([k, v]) => el('tr', null, el('td', {class: 'mono'}, '$' + k), el('td', {class: 'mono'}, v === null ? 'null' : String(v)));
  const body = el('tbody', null, entries.slice(0, MAX_ROWS).map(row));
  const t = el('table', {class: 'kv', 'data-testid': 'variables'},
    el('thead', null, el('tr', null, el('th', null, 'Variable'), el('th', null, 'Value'))), body);
  if (entries.length <= MAX_ROWS) {
    return t;
  }
  const rest = button('Show all ' + entries.length, () => {
    for (const e of entries.slice(MAX_ROWS)) {
      body.appendChild(row(e));
    }
    rest.remove();
  }, {class: 'small'});
  return el('div', null, t, rest);
}

function timeline(outcome) {
  const section = el('section', {id: 'outcome'}, el('h2', null, 'Outcome'));
  if (!outcome) {
    return section;
  }
  section.appendChild(el('p', null, 'State: ', el('span', {class: 'badge ' + safeClass(outcome.state), id: 'outcome-state'}, outcome.state)));
  const runs = Array.isArray(outcome.runs) ? outcome.runs : [];
  if (runs.length === 0) {
    section.appendChild(el('p', {class: 'muted'}, outcome.state === 'refused' ? 'Not accepted: nothing ran.' : 'No attempt yet.'));
    return section;
  }
  const list = el('ol', {class: 'timeline', 'data-testid': 'timeline'});
  for (const attempt of runs) {
    const item = el('li', {class: 'attempt ' + safeClass(attempt.state)},
      el('div', {class: 'attempt-head'},
        el('strong', null, 'Attempt ' + attempt.attempt),
        attempt.replay ? el('span', {class: 'badge replay'}, 'replay') : null,
        el('span', {class: 'badge ' + safeClass(attempt.state)}, attempt.state),
        time(attempt.startedAt),
        attempt.millis === undefined ? null : el('span', {class: 'muted'}, attempt.millis + ' ms')),
      attempt.error ? el('p', {class: 'error'}, String(attempt.error)) : null);
    const steps = Array.isArray(attempt.runs) ? attempt.runs : [];
    if (steps.length) {
      item.appendChild(table(['Flow or rule', 'Action', 'Ran', 'Status', 'Error', 'ms'], steps.map((s) => [
        s.flow !== undefined ? 'flow ' + s.flow : s.rule !== undefined ? 'rule ' + s.rule : '',
        s.action,
        s.ran ? 'ran' : 'skipped' + (s.skipped ? ': ' + s.skipped : ''),
        s.status === undefined ? '' : String(s.status),
        s.error || '',
        s.millis === undefined ? '' : String(s.millis),
      ]), {class: 'steps'}));
    }
    list.appendChild(item);
  }
  section.appendChild(list);
  return section;
}

async function reload(page, holder, id, path) {
  const record = await api.get(path);
  if (page.alive()) {
    show(page, holder, id, path, record);
  }
  return record;
}

/** Reloads the record each second until it has more than `runs` attempts (at most 30 s). */
async function waitForAttempt(page, holder, id, path, runs, status) {
  for (let i = 0; i < 30 && page.alive(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const record = await api.get(path);
    const now = (record.outcome && record.outcome.runs || []).length;
    if (now > runs && page.alive()) {
      show(page, holder, id, path, record);
      document.getElementById('replay-status').textContent = 'Replayed: attempt ' + now + ' ran.';
      return;
    }
  }
  status.textContent = 'Replayed; no new attempt seen yet (Refresh to look again).';
}
