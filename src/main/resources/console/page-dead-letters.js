// Dead letters: the events whose processing gave up, oldest first; inspect one (its error and
// body), replay one, or replay the ones selected. The list comes without bodies; Inspect reads the
// one entry's body (count=1 after the entry listed before it).

import * as api from './api.js';
import {button, clear, el, facts, link, time} from './dom.js';
import {bodyView} from './pretty.js';

const PAGE = 50;

export async function render(page) {
  const main = page.main;
  main.appendChild(el('h1', null, 'Dead letters'));
  const size = el('p', {id: 'dead-size'});
  const status = el('p', {id: 'dead-status', 'aria-live': 'polite'});
  const body = el('tbody');
  const all = el('input', {type: 'checkbox', id: 'select-all', 'aria-label': 'Select all'});
  const replaySelected = button('Replay selected', async () => {
    const ids = [...body.querySelectorAll('input.pick:checked')].map((c) => c.dataset.id);
    if (!ids.length) {
      status.textContent = 'Nothing selected.';
      return;
    }
    replaySelected.disabled = true;
    let done = 0;
    const failed = [];
    for (const id of ids) {
      try {
        await api.post('/v1/admin/dead-letters/' + encodeURIComponent(id) + '/replay');
        done++;
        markReplayed(body, id);
      } catch (e) {
        failed.push(id + ': ' + e.message);
      }
    }
    status.textContent = done + ' replayed' + (failed.length ? '; not replayed: ' + failed.join(', ') : '.');
    replaySelected.disabled = false;
  }, {id: 'replay-selected'});
  all.addEventListener('change', () => {
    for (const c of body.querySelectorAll('input.pick:not(:disabled)')) {
      c.checked = all.checked;
    }
  });
  main.appendChild(el('div', {class: 'toolbar'}, size, replaySelected));
  main.appendChild(status);
  main.appendChild(el('table', {class: 'dead', 'data-testid': 'dead-letters'},
    el('thead', null, el('tr', null, el('th', null, all), ['Failed', 'Endpoint', 'Service', 'Attempts', 'Error', ''].map((h) => el('th', null, h)))),
    body));
  const more = el('div', {class: 'toolbar'});
  main.appendChild(more);
  const load = async (after) => {
    const q = '?count=' + PAGE + (after ? '&after=' + encodeURIComponent(after) : '');
    const answer = await api.get('/v1/admin/dead-letters' + q);
    if (!page.alive()) {
      return;
    }
    size.textContent = answer.size + ' dead letter' + (answer.size === 1 ? '' : 's');
    let previous = after;
    for (const d of answer.deadLetters || []) {
      rows(body, d, status, previous).forEach((r) => body.appendChild(r));
      previous = String(d.id);
    }
    clear(more);
    if (answer.next) {
      more.appendChild(button('More', () => load(answer.next).catch(page.fail), {id: 'more'}));
    }
    if (!body.rows.length) {
      more.appendChild(el('p', {class: 'muted', id: 'no-dead'}, 'No dead letters.'));
    }
  };
  await load('');
}

function rows(body, d, status, previous) {
  const id = String(d.id);
  const pick = el('input', {type: 'checkbox', class: 'pick', 'aria-label': 'Select ' + id});
  pick.dataset.id = id;
  const cell = el('td', {colspan: 7});
  const detail = el('tr', {class: 'detail', hidden: true}, cell);
  let loaded = false;
  const replay = button('Replay', async () => {
    replay.disabled = true;
    try {
      const done = await api.post('/v1/admin/dead-letters/' + encodeURIComponent(id) + '/replay');
      status.textContent = 'Dead letter ' + id + ' replayed as stream entry ' + done.replayedAs + '.';
      markReplayed(body, id);
    } catch (e) {
      status.textContent = 'Not replayed: ' + e.message;
      replay.disabled = false;
    }
  }, {class: 'small replay'});
  const show = button('Inspect', async () => {
    detail.hidden = !detail.hidden;
    show.setAttribute('aria-expanded', String(!detail.hidden));
    if (detail.hidden || loaded) {
      return;
    }
    loaded = true;
    clear(cell);
    cell.appendChild(el('p', {class: 'muted'}, 'Loading the body…'));
    try {
      const q = '?body=true&count=1' + (previous ? '&after=' + encodeURIComponent(previous) : '');
      const one = ((await api.get('/v1/admin/dead-letters' + q)).deadLetters || [])[0];
      clear(cell);
      if (one && String(one.id) === id) {
        cell.appendChild(inspect(one));
      } else {
        cell.appendChild(inspect(d));
        cell.appendChild(el('p', {class: 'muted'}, 'This dead letter is no longer there (replayed?): no body to show.'));
      }
    } catch (e) {
      loaded = false;
      clear(cell);
      cell.appendChild(inspect(d));
      cell.appendChild(el('p', {class: 'error', role: 'alert'}, 'No body: ' + e.message));
    }
  }, {class: 'small', 'aria-expanded': 'false'});
  const row = el('tr', {'data-id': id},
    el('td', null, pick),
    el('td', null, time(d.failedAt)),
    el('td', {class: 'mono'}, link(d.endpoint, 'endpoints', d.endpoint)),
    el('td', null, d.service),
    el('td', {class: 'num'}, String(d.attempts)),
    el('td', {class: 'diagnosis'}, d.error),
    el('td', null, show, ' ', replay));
  return [row, detail];
}

function inspect(d) {
  const shown = facts([
    ['Id', d.id], ['Original id', d.originalId], ['Transid', d.transid], ['Received', time(d.receivedAt)],
    ['Failed', time(d.failedAt)], ['Format', d.format], ['Error', d.error],
  ]);
  if (typeof d.body !== 'string') {
    return el('div', {class: 'inspect'}, shown);
  }
  let text = null;
  try {
    const bytes = Uint8Array.from(atob(d.body), (c) => c.charCodeAt(0));
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch (e) {
    text = null;
  }
  return el('div', {class: 'inspect'}, shown,
    text === null ? bodyView(d.body, '', '', 'base64') : bodyView(text, d.format, '', ''));
}

function markReplayed(body, id) {
  const row = [...body.rows].find((r) => r.dataset.id === id);
  if (row) {
    row.classList.add('replayed');
    for (const b of row.querySelectorAll('button.replay, input.pick')) {
      b.disabled = true;
      b.checked = false;
    }
    row.cells[row.cells.length - 1].appendChild(el('span', {class: 'badge delivered'}, 'replayed'));
  }
}
