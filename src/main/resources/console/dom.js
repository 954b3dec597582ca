// DOM building for the console: every value a sender controls goes in as text (textContent) or as
// an attribute from a short safe list; links built from data are only ever "#/..." hashes.

const SAFE_ATTRIBUTES = new Set([
  'class', 'id', 'type', 'name', 'value', 'placeholder', 'for', 'role', 'title', 'colspan',
  'aria-label', 'aria-live', 'aria-expanded', 'aria-controls', 'aria-selected', 'aria-activedescendant',
  'aria-autocomplete', 'aria-haspopup', 'autocomplete', 'spellcheck', 'rows', 'min', 'max',
  'data-page', 'data-id', 'data-testid', 'tabindex', 'accept', 'disabled', 'checked', 'selected',
  'hidden', 'datetime',
]);

/** An element: el('td', {class: 'x'}, 'text', child, ...); strings become text nodes. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) {
        continue;
      }
      if (!SAFE_ATTRIBUTES.has(name)) {
        throw new Error('attribute not allowed: ' + name);
      }
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(node, child);
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(visible(String(child))));
    }
  }
}

/** A link to a console page: the parts are encoded, the result is always a "#/..." hash. */
export function link(text, ...parts) {
  const a = document.createElement('a');
  a.href = hash(...parts);
  a.textContent = visible(String(text));
  return a;
}

/** "#/a/b" from parts, each encoded; a trailing object becomes the query. */
export function hash(...parts) {
  let query = '';
  if (parts.length && typeof parts[parts.length - 1] === 'object') {
    query = queryString(parts.pop());
  }
  return '#/' + parts.map((p) => encodeURIComponent(String(p))).join('/') + query;
}

/** "?a=1&b=2" of the non-empty values; "" when none. */
export function queryString(params) {
  const pairs = [];
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') {
      pairs.push(encodeURIComponent(k) + '=' + encodeURIComponent(String(v)));
    }
  }
  return pairs.length ? '?' + pairs.join('&') : '';
}

/** Removes every child of node. */
export function clear(node) {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
  return node;
}

const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Text with control, zero-width and bidi-override characters as visible \uXXXX escapes; \n and \t kept. */
export function visible(text) {
  return text.replace(INVISIBLE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** A table of rows (arrays of cells: strings or nodes) under a header row. */
export function table(headers, rows, attrs) {
  return el('table', attrs,
    el('thead', null, el('tr', null, headers.map((h) => el('th', null, h)))),
    el('tbody', null, rows.map((cells) => el('tr', null, cells.map((c) => el('td', null, c))))));
}

/** A definition list of [term, value] pairs, values that are null left out. */
export function facts(pairs) {
  const dl = el('dl', {class: 'facts'});
  for (const [term, value] of pairs) {
    if (value !== undefined && value !== null && value !== '') {
      dl.appendChild(el('dt', null, term));
      dl.appendChild(el('dd', null, value));
    }
  }
  return dl;
}

/** An epoch-ms time as the reader's local date and time (ISO when it is not a number). */
export function time(ms) {
  if (typeof ms !== 'number' || !isFinite(ms) || ms <= 0) {
    return '';
  }
  const d = new Date(ms);
  const t = el('time', {datetime: d.toISOString(), title: d.toISOString()});
  t.textContent = d.toLocaleString();
  return t;
}

/** A button that runs action on click. */
export function button(text, action, attrs) {
  const b = el('button', Object.assign({type: 'button'}, attrs || {}), text);
  b.addEventListener('click', action);
  return b;
}

/** A short message in place of a page, for an error. */
export function problem(text) {
  return el('p', {class: 'error', role: 'alert'}, text);
}

/** Copies text to the clipboard; resolves true when it could. */
export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (e) {
    return false;
  }
}
