// The console's calls to Inlet: same origin, the session cookie sent by the browser, the CSRF
// token (from the session JSON, kept only in this module's memory) on every state-changing call.

const BASE = '/console/api';
let csrf = null;
let onSignedOut = () => {};

/** Raised when a call answers 401: the session is gone, the sign-in form is shown. */
export class SignedOut extends Error {}

/** A call that answered with an error: status and the answer's JSON (code, description, reason). */
export class Refused extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
    this.body = body;
  }
}

function describe(status, body) {
  if (body && typeof body === 'object') {
    const parts = [body.code, body.description, body.reason].filter((p) => typeof p === 'string' && p);
    if (parts.length) {
      return parts.join(' · ');
    }
  }
  return 'HTTP ' + status;
}

/** What to do when the session is gone (show the sign-in form). */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

/** The session when there is one (the CSRF token taken from it); null when signed out. */
export async function session() {
  const res = await fetch(BASE + '/session', {credentials: 'same-origin', cache: 'no-store'});
  if (res.status === 401) {
    csrf = null;
    return null;
  }
  const body = await json(res);
  if (!res.ok) {
    throw new Refused(res.status, body);
  }
  csrf = body.csrf;
  return body;
}

/** Signs in with the admin token; the token is sent once and not kept. */
export async function signIn(token) {
  const res = await fetch(BASE + '/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({token}),
  });
  const body = await json(res);
  if (!res.ok) {
    throw new Refused(res.status, body);
  }
  csrf = body.csrf;
  return body;
}

/** Signs out (the session ends on the server too). */
export async function signOut() {
  try {
    await call('DELETE', '/session');
  } finally {
    csrf = null;
  }
}

/** GET path (under /console/api) → its JSON. */
export function get(path) {
  return call('GET', path);
}

/** POST path with a JSON value (or a string with its contentType) → the answer's JSON. */
export function post(path, body, contentType) {
  return call('POST', path, body, contentType);
}

async function call(method, path, body, contentType) {
  const headers = {};
  if (method !== 'GET' && method !== 'HEAD') {
    headers['X-CSRF-Token'] = csrf || '';
  }
  const init = {method, credentials: 'same-origin', cache: 'no-store', headers};
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Blob) {
      headers['Content-Type'] = contentType || 'application/octet-stream';
      init.body = body;
    } else {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  const res = await fetch(BASE + path, init);
  const answer = await json(res);
  if (res.status === 401) {
    csrf = null;
    onSignedOut();
    throw new SignedOut('signed out');
  }
  if (!res.ok) {
    throw new Refused(res.status, answer);
  }
  return answer;
}

async function json(res) {
  const text = await res.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    return null;
  }
}

/** The URL of a route under the API, for an EventSource (which sends the cookie itself). */
export function url(path) {
  return BASE + path;
}
