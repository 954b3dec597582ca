// A small SVG bar chart of accepted (up) and refused (down) per minute; our own code, SVG built
// with createElementNS and numeric attributes only.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 600;
const HEIGHT = 120;

function node(name, attrs) {
  const n = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) {
    n.setAttribute(k, String(v));
  }
  return n;
}

/** The chart of series [{t, accepted, refused}], oldest first. */
export function chart(series, {id} = {}) {
  const svg = node('svg', {viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, class: 'chart', role: 'img'});
  if (id) {
    svg.setAttribute('id', id);
  }
  const accepted = series.reduce((s, p) => s + p.accepted, 0);
  const refused = series.reduce((s, p) => s + p.refused, 0);
  const title = node('title', {});
  title.textContent = accepted + ' accepted, ' + refused + ' refused in the last hour';
  svg.appendChild(title);
  const mid = HEIGHT / 2;
  svg.appendChild(node('line', {x1: 0, x2: WIDTH, y1: mid, y2: mid, class: 'axis'}));
  const top = Math.max(1, ...series.map((p) => Math.max(p.accepted, p.refused)));
  const slots = Math.max(60, series.length);
  const w = WIDTH / slots;
  series.forEach((p, i) => {
    const x = (slots - series.length + i) * w;
    const up = (p.accepted / top) * (mid - 4);
    const down = (p.refused / top) * (mid - 4);
    if (up > 0) {
      svg.appendChild(node('rect', {x: x + 0.5, y: mid - up, width: Math.max(1, w - 1), height: up, class: 'accepted'}));
    }
    if (down > 0) {
      svg.appendChild(node('rect', {x: x + 0.5, y: mid, width: Math.max(1, w - 1), height: down, class: 'refused'}));
    }
  });
  const legend = document.createElement('p');
  legend.className = 'legend';
  const a = document.createElement('span');
  a.className = 'key accepted';
  a.textContent = accepted + ' accepted';
  const r = document.createElement('span');
  r.className = 'key refused';
  r.textContent = refused + ' refused';
  legend.append(a, ' · ', r, ' (per minute; accepted above the line, refused below)');
  const box = document.createElement('div');
  box.append(svg, legend);
  return box;
}
