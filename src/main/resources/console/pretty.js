// Bodies shown as a person reads them: JSON, XML and form bodies re-indented, anything else raw.
// Bounded: a body over MAX_PRETTY characters, or nested deeper than MAX_DEPTH, is shown raw (its
// first MAX_PRETTY characters, "show all" for the rest). Every formatter is a loop over the text,
// never recursion, so a 10,000-deep nesting costs one pass and no stack.

import {el, button, clear, visible} from './dom.js';

export const MAX_PRETTY = 256 * 1024;
export const MAX_DEPTH = 64;

const WHITE = ' \t\n\r';

/** The body re-indented for its format; null when it is not one of them, too large or too deep. */
export function prettyText(text, format) {
  if (typeof text !== 'string' || text.length > MAX_PRETTY) {
    return null;
  }
  if (format === 'json') {
    return json(text);
  }
  if (format === 'xml') {
    return xml(text);
  }
  if (format === 'form') {
    return form(text);
  }
  return null;
}

/** The payload format of a body from its record's format or, failing that, its Content-Type. */
export function formatOf(format, contentType) {
  if (format === 'json' || format === 'xml' || format === 'form' || format === 'multipart') {
    return format;
  }
  const type = String(contentType || '').toLowerCase().split(';')[0].trim();
  if (type === 'application/json' || type.endsWith('+json')) {
    return 'json';
  }
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) {
    return 'xml';
  }
  if (type === 'application/x-www-form-urlencoded') {
    return 'form';
  }
  return '';
}

function json(text) {
  const out = [];
  const n = text.length;
  let depth = 0;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') {
        j += text[j] === '\\' ? 2 : 1;
      }
      if (j >= n) {
        return null;
      }
      out.push(text.slice(i, j + 1));
      i = j + 1;
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth > MAX_DEPTH) {
        return null;
      }
      let k = i + 1;
      while (k < n && WHITE.includes(text[k])) {
        k++;
      }
      if (text[k] === (c === '{' ? '}' : ']')) {
        out.push(c + text[k]);
        depth--;
        i = k + 1;
      } else {
        out.push(c, '\n', '  '.repeat(depth));
        i++;
      }
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) {
        return null;
      }
      out.push('\n', '  '.repeat(depth), c);
      i++;
    } else if (c === ',') {
      out.push(',\n', '  '.repeat(depth));
      i++;
    } else if (c === ':') {
      out.push(': ');
      i++;
    } else if (WHITE.includes(c)) {
      i++;
    } else {
      let j = i;
      while (j < n && !'{}[],:"'.includes(text[j]) && !WHITE.includes(text[j])) {
        j++;
      }
      out.push(text.slice(i, j));
      i = j;
    }
  }
  if (depth !== 0) {
    return null;
  }
  try {
    // Safe now: the nesting is at most MAX_DEPTH deep. Only checks; the text keeps its own numbers.
    JSON.parse(text);
  } catch (e) {
    return null;
  }
  return out.join('');
}

/** Where the tag starting at i ends (just past its '>'), quotes skipped; -1 when it does not. */
function tagEnd(text, i) {
  let quote = '';
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) {
        quote = '';
      }
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return j + 1;
    }
  }
  return -1;
}

function markupEnd(text, i) {
  const closers = [['<!--', '-->'], ['<![CDATA[', ']]>'], ['<?', '?>'], ['<!', '>']];
  for (const [open, close] of closers) {
    if (text.startsWith(open, i)) {
      const at = text.indexOf(close, i + open.length);
      return at < 0 ? -1 : at + close.length;
    }
  }
  return tagEnd(text, i);
}

function xml(text) {
  const lines = [];
  const n = text.length;
  let depth = 0;
  let i = 0;
  let root = false;
  while (i < n) {
    if (text[i] !== '<') {
      let j = text.indexOf('<', i);
      j = j < 0 ? n : j;
      const t = text.slice(i, j).trim();
      if (t) {
        lines.push('  '.repeat(depth) + t);
      }
      i = j;
      continue;
    }
    const end = markupEnd(text, i);
    if (end < 0) {
      return null;
    }
    const tag = text.slice(i, end);
    if (tag.startsWith('</')) {
      depth--;
      if (depth < 0) {
        return null;
      }
      lines.push('  '.repeat(depth) + tag);
      i = end;
    } else if (tag.startsWith('<?') || tag.startsWith('<!') || tag.endsWith('/>')) {
      lines.push('  '.repeat(depth) + tag);
      i = end;
    } else {
      root = true;
      // <a>short text</a> stays on one line.
      const next = text.indexOf('<', end);
      if (next > 0 && text.startsWith('</', next) && !text.slice(end, next).includes('\n')) {
        const close = tagEnd(text, next);
        if (close < 0) {
          return null;
        }
        lines.push('  '.repeat(depth) + tag + text.slice(end, next) + text.slice(next, close));
        i = close;
        continue;
      }
      lines.push('  '.repeat(depth) + tag);
      depth++;
      if (depth > MAX_DEPTH) {
        return null;
      }
      i = end;
    }
  }
  return depth === 0 && root ? lines.join('\n') : null;
}

function decodeForm(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch (e) {
    return text;
  }
}

function form(text) {
  if (!text) {
    return null;
  }
  const lines = [];
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    lines.push(decodeForm(name) + ' = ' + decodeForm(value));
  }
  return lines.join('\n');
}

/** A <pre> of text: its first MAX_PRETTY characters, a "show all" button for the rest. */
export function rawBlock(text, attrs) {
  const pre = el('pre', Object.assign({class: 'body'}, attrs || {}));
  const wrap = el('div', {class: 'body-wrap'}, pre);
  if (text.length <= MAX_PRETTY) {
    pre.textContent = visibleText(text);
    return wrap;
  }
  pre.textContent = visibleText(text.slice(0, MAX_PRETTY));
  const note = el('p', {class: 'muted'}, 'Showing the first ' + MAX_PRETTY + ' of ' + text.length + ' characters. ');
  note.appendChild(button('Show all', () => {
    pre.textContent = visibleText(text);
    note.remove();
  }, {class: 'small'}));
  wrap.appendChild(note);
  return wrap;
}

function visibleText(text) {
  return visible(text);
}

/**
 * A body with a Pretty / Raw toggle: pretty when its format allows and the bounds hold, raw when
 * not (saying why), base64 bodies raw as they were stored.
 */
export function bodyView(body, format, contentType, encoding) {
  const box = el('div', {class: 'body-view', 'data-testid': 'body'});
  if (typeof body !== 'string' || body === '') {
    box.appendChild(el('p', {class: 'muted'}, 'No body kept.'));
    return box;
  }
  if (encoding === 'base64') {
    box.appendChild(el('p', {class: 'muted'}, 'The body is not UTF-8 text; shown as base64.'));
    box.appendChild(rawBlock(body));
    return box;
  }
  const kind = formatOf(format, contentType);
  const pretty = prettyText(body, kind);
  const content = el('div');
  const show = (asPretty) => {
    clear(content);
    content.appendChild(asPretty ? rawBlock(pretty, {'data-testid': 'body-pretty'}) : rawBlock(body, {'data-testid': 'body-raw'}));
    prettyButton.setAttribute('aria-pressed', String(asPretty));
    rawButton.setAttribute('aria-pressed', String(!asPretty));
  };
  const prettyButton = button('Pretty', () => show(true), {class: 'small', disabled: pretty === null});
  const rawButton = button('Raw', () => show(false), {class: 'small'});
  const why = pretty !== null ? null
    : body.length > MAX_PRETTY ? 'Shown raw: over ' + MAX_PRETTY / 1024 + ' KiB.'
    : kind === '' || kind === 'multipart' ? 'Shown raw.'
    : 'Shown raw: not well-formed ' + kind + ', or nested deeper than ' + MAX_DEPTH + '.';
  box.appendChild(el('div', {class: 'toolbar'}, prettyButton, rawButton, why ? el('span', {class: 'muted'}, why) : null));
  box.appendChild(content);
  show(pretty !== null);
  return box;
}
