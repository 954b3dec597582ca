// Events: an endpoint's history, newest first, with the history API's filters (kept in the hash,
// so a filtered list is a URL to share), paging with "next", and a live tail (EventSource on the
// tail route) that puts new records on top without a reload.

import * as api from './api.js';
import {button, clear, el, hash, link, queryString, time} from './dom.js';

const FILTERS = ['code', 'outcome', 'since', 'until', 'transid', 'where', 'text'];
const OUTCOMES = ['', 'delivered', 'retrying', 'dead', 'none', 'pending', 'refused'];
// A tail left open for hours keeps the newest rows only.
const MAX_ROWS = 2000;

const HEADERS = ['Received', 'Method', 'Client', 'Code', 'Status', 'Outcome', 'Bytes', 'Diagnosis'];

/** The table of event summaries, rows linking to each event's page. */
export function eventsTable(endpointId) {
  return el('table', {class: 'events', 'data-testid': 'events'},
    el('thead', null, el('tr', null, HEADERS.map((h) => el('th', null, h)))),
    el('tbody'));
}

/** One row of the events table for a summary of the history list. */
export function eventRow(endpointId, e) {
  const answer = e.answer || {};
  const row = el('tr', {class: 'outcome-' + safeClass(e.outcome), 'data-id': String(e.id)},
    el('td', null, link(timeText(e.receivedAt), 'endpoints', endpointId, 'events', e.id)),
    el('td', null, e.method),
    el('td', null, e.client),
    el('td', {class: 'code'}, answer.code),
    el('td', null, answer.status === undefined ? '' : String(answer.status)),
    el('td', null, el('span', {class: 'badge ' + safeClass(e.outcome)}, e.outcome)),
    el('td', {class: 'num'}, e.bodyBytes === undefined ? '' : String(e.bodyBytes)),
    el('td', {class: 'diagnosis'}, e.diagnosis ? String(e.diagnosis) : ''));
  return row;
}

function timeText(ms) {
  return typeof ms === 'number' && ms > 0 ? new Date(ms).toLocaleString() : '(no time)';
}

/** A class name from a state label: letters only. */
export function safeClass(text) {
  return String(text || '').replace(/[^a-z]/g, '');
}

function filterForm(id, query) {
  const inputs = {};
  const fields = [];
  for (const name of FILTERS) {
    let input;
    if (name === 'outcome') {
      input = el('select', {id: 'filter-outcome', name});
      for (const o of OUTCOMES) {
        input.appendChild(el('option', {value: o, selected: query.get(name) === o && o !== ''}, o || 'any'));
      }
    } else {
      input = el('input', {id: 'filter-' + name, name, type: 'text', placeholder: placeholder(name), spellcheck: 'false'});
      input.value = query.get(name) || '';
    }
    inputs[name] = input;
    fields.push(el('label', {for: 'filter-' + name}, name, input));
  }
  const form = el('form', {class: 'filters', id: 'filters'}, fields, el('button', {type: 'submit'}, 'Apply'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const params = {};
    for (const name of FILTERS) {
      params[name] = inputs[name].value.trim();
    }
    location.hash = hash('endpoints', id, 'events', params);
  });
  return form;
}

function placeholder(name) {
  return {
    code: '7028', since: 'epoch ms or ISO', until: 'epoch ms or ISO', transid: 'transid',
    where: "data.type == 'order.created'", text: 'bytes of the body',
  }[name] || '';
}

/** Whether a live record passes the filters a browser can check itself (code and outcome). */
function passes(record, query) {
  const code = query.get('code');
  const outcome = query.get('outcome');
  return (!code || (record.answer && record.answer.code === code)) && (!outcome || record.outcome === outcome);
}

/** Whether the list's filters are only those a live record can be checked against here. */
function liveFilterable(query) {
  return ['since', 'until', 'transid', 'where', 'text'].every((f) => !query.get(f));
}

/**
 * Follows the endpoint's tail: each new record goes through add. Returns a function that closes
 * it. The browser's EventSource reconnects by itself, sending Last-Event-ID.
 */
export function tail(id, status, add) {
  const source = new EventSource(api.url('/endpoints/' + encodeURIComponent(id) + '/tail'));
  source.addEventListener('open', () => {
    status.textContent = 'Live';
    status.className = 'live on';
  });
  source.addEventListener('error', () => {
    status.textContent = source.readyState === EventSource.CLOSED ? 'Live tail closed' : 'Reconnecting…';
    status.className = 'live off';
  });
  source.addEventListener('record', (m) => {
    let record;
    try {
      record = JSON.parse(m.data);
    } catch (e) {
      return;
    }
    if (record && typeof record === 'object') {
      add(record);
    }
  });
  return () => source.close();
}

export async function render(page) {
  const id = page.params.id;
  const query = page.query;
  const main = page.main;
  main.appendChild(el('nav', {class: 'crumbs'}, link('Overview', 'overview'), ' / ', link(id, 'endpoints', id), ' / events'));
  main.appendChild(el('h1', null, 'Events'));
  main.appendChild(el('p', null, link('Variables of this endpoint', 'endpoints', id, 'variables')));
  main.appendChild(filterForm(id, query));
  const status = el('span', {class: 'live off', id: 'live-status', 'aria-live': 'polite'}, 'Connecting…');
  const unrecorded = el('span', {class: 'muted', id: 'unrecorded'});
  main.appendChild(el('div', {class: 'toolbar'}, status, unrecorded));
  const table = eventsTable(id);
  const body = table.querySelector('tbody');
  main.appendChild(table);
  const more = el('div', {class: 'toolbar'});
  main.appendChild(more);
  const seen = new Set();
  const addLive = (record) => {
    if (seen.has(record.id) || !passes(record, query)) {
      return;
    }
    seen.add(record.id);
    body.insertBefore(eventRow(id, record), body.firstChild);
    document.getElementById('no-events')?.remove();
    while (body.rows.length > MAX_ROWS) {
      body.removeChild(body.lastChild);
    }
  };
  if (liveFilterable(query)) {
    page.onLeave(tail(id, status, addLive));
  } else {
    status.textContent = 'Live tail off while filtering by since, until, transid, where or text';
  }
  const params = {};
  for (const name of FILTERS) {
    params[name] = query.get(name) || '';
  }
  params.count = query.get('count') || '';
  const loadPage = async (after) => {
    const answer = await api.get('/v1/endpoints/' + encodeURIComponent(id) + '/events' + queryString(Object.assign({}, params, {after})));
    if (!page.alive()) {
      return;
    }
    for (const e of answer.events || []) {
      if (!seen.has(e.id)) {
        seen.add(e.id);
        body.appendChild(eventRow(id, e));
      }
    }
    unrecorded.textContent = answer.unrecorded ? answer.unrecorded + ' refusals not recorded (history.refusals)' : '';
    clear(more);
    if (body.rows.length === 0) {
      more.appendChild(el('p', {class: 'muted', id: 'no-events'}, 'No events match.'));
    }
    if (answer.next) {
      more.appendChild(button('Older', () => loadPage(answer.next).catch(page.fail), {id: 'older'}));
    }
  };
  await loadPage('');
}
