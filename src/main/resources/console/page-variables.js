// Variables: a sample (pasted or uploaded) goes to the parse API, its variables are shown and
// saved for the endpoint; the search box offers saved names as a person types "$" and a prefix,
// arrow keys and Enter (or Tab) choosing one, which goes into the box as "$name".

import * as api from './api.js';
import {clear, el, link} from './dom.js';
import {variablesTable} from './page-event.js';

const TYPES = [
  ['application/json', 'JSON'],
  ['application/xml', 'XML'],
  ['application/x-www-form-urlencoded', 'Form'],
];
const SUGGESTIONS = 20;
// What a variable name may hold after "$" while it is being typed.
const TYPING = /\$([^\s$'"(),=<>!]*)$/;

export function render(page) {
  const id = page.params.id;
  const main = page.main;
  main.appendChild(el('nav', {class: 'crumbs'}, link('Overview', 'overview'), ' / ', link(id, 'endpoints', id), ' / variables'));
  main.appendChild(el('h1', null, 'Variables'));
  main.appendChild(searchBox(page, id));
  main.appendChild(sampleForm(page, id));
}

function sampleForm(page, id) {
  const sample = el('textarea', {id: 'sample', rows: 10, spellcheck: 'false', placeholder: '{"data": {"attributes": {"title": "…"}}}'});
  const type = el('select', {id: 'sample-type'}, TYPES.map(([value, label]) => el('option', {value}, label)));
  const file = el('input', {id: 'sample-file', type: 'file', accept: '.json,.xml,.txt,application/json,application/xml,text/xml'});
  const result = el('div', {id: 'parse-result', 'aria-live': 'polite'});
  file.addEventListener('change', async () => {
    const f = file.files && file.files[0];
    if (f) {
      sample.value = await f.text();
      if (/xml/i.test(f.type) || /\.xml$/i.test(f.name)) {
        type.value = 'application/xml';
      } else if (/json/i.test(f.type) || /\.json$/i.test(f.name)) {
        type.value = 'application/json';
      }
    }
  });
  const form = el('form', {id: 'parse-form', class: 'stack'},
    el('h2', null, 'From a sample'),
    el('p', {class: 'muted'}, 'Paste or upload an example body: its variables are shown and their names saved for this endpoint.'),
    el('label', {for: 'sample'}, 'Sample body'), sample,
    el('div', {class: 'toolbar'}, el('label', {for: 'sample-type'}, 'Format ', type), el('label', {for: 'sample-file'}, 'or upload ', file),
      el('button', {type: 'submit', id: 'parse'}, 'Show variables')),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(result).appendChild(el('p', {class: 'muted'}, 'Parsing…'));
    try {
      const answer = await api.post('/v1/endpoints/' + encodeURIComponent(id) + '/parse', sample.value, type.value);
      if (!page.alive()) {
        return;
      }
      clear(result);
      const vars = Object.entries(answer.variables || {});
      result.appendChild(el('p', {id: 'parse-summary'}, vars.length + ' variables; ' +
        (answer.saved ? 'names saved for this endpoint.' : 'names not saved: ' + (answer.reason || ''))));
      for (const note of [answer.truncated, answer.notes]) {
        if (note) {
          result.appendChild(el('p', {class: 'muted'}, String(note)));
        }
      }
      result.appendChild(variablesTable(vars));
    } catch (err) {
      if (page.alive()) {
        clear(result).appendChild(el('p', {class: 'error', role: 'alert'}, 'Not parsed: ' + err.message));
      }
    }
  });
  return form;
}

function searchBox(page, id) {
  const input = el('input', {
    id: 'var-search', type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'var-suggestions',
    placeholder: 'Type $ and a prefix, e.g. $data.att',
  });
  const list = el('ul', {id: 'var-suggestions', role: 'listbox', class: 'suggestions', hidden: true});
  let options = [];
  let active = -1;
  let asked = 0;
  let timer = 0;

  const close = () => {
    list.hidden = true;
    clear(list);
    options = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const highlight = (i) => {
    active = i;
    options.forEach((o, j) => o.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', options[i].id);
      options[i].scrollIntoView({block: 'nearest'});
    }
  };
  const typing = () => {
    const before = input.value.slice(0, input.selectionStart ?? input.value.length);
    const m = TYPING.exec(before);
    return m ? {prefix: m[1], start: before.length - m[0].length, end: before.length} : null;
  };
  const choose = (name) => {
    const t = typing();
    if (!t) {
      return;
    }
    const after = input.value.slice(t.end);
    input.value = input.value.slice(0, t.start) + '$' + name + after;
    const caret = t.start + 1 + name.length;
    input.setSelectionRange(caret, caret);
    close();
    input.focus();
  };
  const suggest = async () => {
    const t = typing();
    if (!t) {
      close();
      return;
    }
    const mine = ++asked;
    const answer = await api.get('/v1/endpoints/' + encodeURIComponent(id) + '/variables?count=' + SUGGESTIONS +
      '&prefix=' + encodeURIComponent(t.prefix));
    if (mine !== asked || !page.alive()) {
      return;
    }
    clear(list);
    const names = (answer.variables || []).filter((n) => typeof n === 'string');
    options = names.map((name, i) => {
      const o = el('li', {id: 'var-option-' + i, role: 'option', 'aria-selected': 'false', class: 'mono'}, '$' + name);
      o.addEventListener('mousedown', (e) => {
        e.preventDefault();
        choose(name);
      });
      o.dataset.name = name;
      list.appendChild(o);
      return o;
    });
    if (options.length === 0) {
      list.appendChild(el('li', {class: 'muted', role: 'option', 'aria-selected': 'false'}, 'No saved name starts with ' + t.prefix));
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(options.length ? 0 : -1);
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => suggest().catch(page.fail), 120);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) {
      return;
    }
    if (e.key === 'ArrowDown' && options.length) {
      e.preventDefault();
      highlight((active + 1) % options.length);
    } else if (e.key === 'ArrowUp' && options.length) {
      e.preventDefault();
      highlight((active - 1 + options.length) % options.length);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && active >= 0) {
      e.preventDefault();
      choose(options[active].dataset.name);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  page.onLeave(() => clearTimeout(timer));
  return el('section', {class: 'stack', id: 'search'},
    el('h2', null, 'Search saved names'),
    el('label', {for: 'var-search'}, 'Expression'),
    el('div', {class: 'combo'}, input, list),
    el('p', {class: 'muted'}, 'Names come from parsed samples and live events. ↑ ↓ to move, Enter to insert, Esc to close.'));
}
