// Endpoint: its URL with a copy button, its config read-only (secrets already replaced by the
// server), a generated curl command that sends a correctly signed test event, and recent events.

import * as api from './api.js';
import {button, clear, copy, el, link} from './dom.js';
import {rawBlock} from './pretty.js';
import {eventRow, eventsTable, tail} from './page-events.js';

const RECENT = 10;

export async function render(page) {
  const id = page.params.id;
  const main = page.main;
  main.appendChild(el('nav', {class: 'crumbs'}, link('Overview', 'overview'), ' / ', id));
  const e = await api.get('/endpoints/' + encodeURIComponent(id));
  if (!page.alive()) {
    return;
  }
  const url = location.origin + (typeof e.url === 'string' && e.url.startsWith('/') ? e.url : '/v1/webhooks/' + encodeURIComponent(id));
  const copied = el('span', {class: 'muted', 'aria-live': 'polite'});
  main.appendChild(el('h1', null, 'Endpoint ', el('span', {class: 'mono'}, e.id)));
  main.appendChild(el('p', {class: 'toolbar'}, el('code', {id: 'endpoint-url'}, url),
    button('Copy URL', async () => {
      copied.textContent = (await copy(url)) ? 'Copied.' : 'Select the URL and copy it.';
    }, {id: 'copy-url', class: 'small'}), copied));
  main.appendChild(el('p', null, link('Events', 'endpoints', id, 'events'), ' · ', link('Variables', 'endpoints', id, 'variables')));
  main.appendChild(el('section', {id: 'config'}, el('h2', null, 'Config'),
    el('p', {class: 'muted'}, 'Read-only, as the YAML gives it; secrets are never sent to the browser.'),
    rawBlock(JSON.stringify(e.config || {}, null, 2), {'data-testid': 'config'})));
  main.appendChild(testRequest(page, id));
  const status = el('span', {class: 'live off', id: 'live-status'}, '');
  const table = eventsTable(id);
  const body = table.querySelector('tbody');
  main.appendChild(el('section', {id: 'recent'}, el('h2', null, 'Recent events'), el('div', {class: 'toolbar'}, status), table));
  try {
    const answer = await api.get('/v1/endpoints/' + encodeURIComponent(id) + '/events?count=' + RECENT);
    if (!page.alive()) {
      return;
    }
    (answer.events || []).forEach((ev) => body.appendChild(eventRow(id, ev)));
    page.onLeave(tail(id, status, (record) => {
      body.insertBefore(eventRow(id, record), body.firstChild);
      while (body.rows.length > RECENT) {
        body.removeChild(body.lastChild);
      }
    }));
  } catch (err) {
    status.textContent = 'No history: ' + err.message;
  }
}

function testRequest(page, id) {
  const sample = el('textarea', {id: 'test-body', rows: 4, spellcheck: 'false', placeholder: 'Optional body (a small JSON sample by default)'});
  const out = el('div', {id: 'test-request', 'aria-live': 'polite'});
  const make = button('Generate curl', async () => {
    clear(out);
    try {
      const answer = await api.post('/endpoints/' + encodeURIComponent(id) + '/test-request',
        sample.value.trim() ? {body: sample.value} : {});
      if (!page.alive()) {
        return;
      }
      const copied = el('span', {class: 'muted'});
      out.appendChild(el('p', null, answer.signed ? 'Signed.' : 'Not signed.', ' ', String(answer.note || '')));
      out.appendChild(rawBlock(String(answer.curl || ''), {id: 'curl'}));
      out.appendChild(el('p', null, button('Copy command', async () => {
        copied.textContent = (await copy(String(answer.curl || ''))) ? 'Copied.' : 'Select the command and copy it.';
      }, {id: 'copy-curl', class: 'small'}), ' ', copied));
    } catch (e) {
      out.appendChild(el('p', {class: 'error', role: 'alert'}, 'No test request: ' + e.message));
    }
  }, {id: 'generate-curl'});
  return el('section', {class: 'stack', id: 'test'}, el('h2', null, 'Send a test event'),
    el('p', {class: 'muted'}, 'A curl command that sends a correctly signed request; signed by Inlet, the secret never leaves it. A key or JWT stays a shell variable ($INLET_KEY) for you to fill.'),
    sample, el('div', {class: 'toolbar'}, make), out);
}
