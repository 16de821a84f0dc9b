// Who is signed in: the bearer token and the role and party it carries, for this browser tab only.

import { t } from './i18n.js';

const KEY = 'alliance.session';

function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(payload), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** The session, or null when nobody is signed in or the token has expired. */
export function current() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (!session || !session.token) return null;
    if (session.exp && session.exp * 1000 <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

/** Starts a session from a token; its role and party come from the token's own claims. */
export function start(token, label) {
  const claims = claimsOf(token);
  if (!claims || !claims.role || !claims.party) {
    throw new Error(t('session.noClaims'));
  }
  const session = { token, role: claims.role, party: claims.party, exp: claims.exp, label: label || claims.party };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function end() {
  sessionStorage.removeItem(KEY);
}

/** Small per-tab memory a screen keeps between visits (e.g. the runs finance drafted). */
export function remember(name, value) {
  sessionStorage.setItem('alliance.' + name, JSON.stringify(value));
}

export function recall(name, fallback) {
  try {
    const value = JSON.parse(sessionStorage.getItem('alliance.' + name) || 'null');
    return value ?? fallback;
  } catch {
    return fallback;
  }
}
