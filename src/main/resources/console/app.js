// The console's shell: the session (sign-in form when there is none), and hash routing, so every
// page has a URL that can be shared: #/overview, #/endpoints/{id}, #/endpoints/{id}/events?...,
// #/endpoints/{id}/events/{eventId}, #/endpoints/{id}/variables, #/dead-letters.

import * as api from './api.js';
import {clear, problem} from './dom.js';
import * as overview from './page-overview.js';
import * as endpoint from './page-endpoint.js';
import * as events from './page-events.js';
import * as event from './page-event.js';
import * as variables from './page-variables.js';
import * as deadLetters from './page-dead-letters.js';

const ROUTES = [
  [['overview'], overview, 'overview'],
  [['endpoints', ':id'], endpoint, 'overview'],
  [['endpoints', ':id', 'events'], events, 'overview'],
  [['endpoints', ':id', 'events', ':eventId'], event, 'overview'],
  [['endpoints', ':id', 'variables'], variables, 'overview'],
  [['dead-letters'], deadLetters, 'dead-letters'],
];

const main = document.getElementById('main');
const signInSection = document.getElementById('sign-in');
const form = document.getElementById('sign-in-form');
const tokenInput = document.getElementById('token');
const signInError = document.getElementById('sign-in-error');
const nav = document.getElementById('nav');
const signOutButton = document.getElementById('sign-out');

let signedIn = false;
let generation = 0;
let leave = [];

/** The route of a hash: its page module, path parameters and query. */
function resolve(hash) {
  const text = hash.replace(/^#\/?/, '');
  const q = text.indexOf('?');
  const path = q < 0 ? text : text.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : text.slice(q + 1));
  let segments;
  try {
    segments = path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch (e) {
    return null;
  }
  if (segments.length === 0) {
    segments = ['overview'];
  }
  for (const [pattern, page, section] of ROUTES) {
    if (pattern.length !== segments.length) {
      continue;
    }
    const params = {};
    if (pattern.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = segments[i]), true) : p === segments[i]))) {
      return {page, params, query, section};
    }
  }
  return null;
}

function render() {
  if (!signedIn) {
    return;
  }
  for (const fn of leave) {
    try {
      fn();
    } catch (e) {
      // A page's clean-up failing must not keep the next page from showing.
    }
  }
  leave = [];
  const mine = ++generation;
  clear(main);
  const route = resolve(location.hash);
  for (const a of nav.querySelectorAll('a')) {
    a.classList.toggle('current', route !== null && a.dataset.page === route.section);
  }
  if (route === null) {
    main.appendChild(problem('No such page: ' + location.hash));
    return;
  }
  const page = {
    main,
    params: route.params,
    query: route.query,
    alive: () => mine === generation,
    onLeave: (fn) => leave.push(fn),
    fail: (e) => {
      if (mine === generation && !(e instanceof api.SignedOut)) {
        main.appendChild(problem(e && e.message ? e.message : String(e)));
      }
    },
  };
  try {
    const done = route.page.render(page);
    if (done && typeof done.catch === 'function') {
      done.catch(page.fail);
    }
  } catch (e) {
    page.fail(e);
  }
}

function showSignIn() {
  signedIn = false;
  generation++;
  for (const fn of leave) {
    fn();
  }
  leave = [];
  clear(main);
  nav.hidden = true;
  signOutButton.hidden = true;
  signInSection.hidden = false;
  tokenInput.value = '';
  tokenInput.focus();
}

function showConsole() {
  signedIn = true;
  signInSection.hidden = true;
  signInError.hidden = true;
  nav.hidden = false;
  signOutButton.hidden = false;
  render();
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  signInError.hidden = true;
  const token = tokenInput.value;
  tokenInput.value = '';
  try {
    await api.signIn(token);
    showConsole();
  } catch (err) {
    signInError.textContent = err.status === 401 ? 'Wrong token.'
      : err.status === 429 ? 'Too many failed sign-ins: wait a minute.'
      : 'Sign-in failed: ' + err.message;
    signInError.hidden = false;
    tokenInput.focus();
  }
});

signOutButton.addEventListener('click', async () => {
  try {
    await api.signOut();
  } catch (e) {
    // Signed out here either way.
  }
  showSignIn();
});

api.whenSignedOut(showSignIn);
window.addEventListener('hashchange', render);

api.session().then((s) => {
  document.getElementById('loading')?.remove();
  if (s === null) {
    showSignIn();
  } else {
    showConsole();
  }
}).catch((e) => {
  clear(main);
  main.appendChild(problem('The console cannot reach Inlet: ' + e.message));
});

