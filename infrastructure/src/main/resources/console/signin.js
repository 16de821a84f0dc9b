// Signing in. Locally: pick a role and a party (the demo's parties are listed by name) and the local
// runtime mints the token. In AWS: the Cognito hosted UI (authorization code with PKCE), whose ID
// token carries the role and party claims the API's JWT authorizer and functions read.
import config from './config.js';
import * as session from './session.js';
import { dev, post } from './api.js';
import { field, h, onSubmit, refuse, replace, section } from './ui.js';

const ROLE_HELP = {
  brand: 'list products, set commission, see hosts and JBP progress',
  host: 'pick products, see your showcase and earnings',
  finance: 'balances, settlement runs, payouts, reconciliation',
  operator: 'onboard brands and hosts, review risk holds',
};

export function signInView(onSignedIn) {
  const auth = config.auth || { mode: 'local' };
  return auth.mode === 'cognito' ? hostedView(auth) : localView(onSignedIn);
}

// ---------- local runtime ----------

async function mint(role, party, label) {
  const { token } = await dev('POST', '/dev/tokens', { role, party });
  return session.start(token, label);
}

function localView(onSignedIn) {
  const demo = h('section', { class: 'card' });
  const own = h('section', { class: 'card' });
  const signup = h('section', { class: 'card' });

  section(demo, 'the demo parties', () => dev('GET', '/dev/demo'), data => {
    if (!data.demo) {
      return h('div', {}, h('h2', {}, 'Sign in as a demo party'),
        h('p', { class: 'muted' }, 'This marketplace was started without demo data. Start it with --demo to get a brand, '
          + 'hosts and orders to try, or sign in with a role and party id below.'));
    }
    const groups = ['brand', 'host', 'finance', 'operator'].map(role => {
      const parties = data.parties.filter(p => p.role === role);
      if (!parties.length) return null;
      return h('div', { class: 'party-group' },
        h('h3', {}, `${role.charAt(0).toUpperCase()}${role.slice(1)}`, h('span', { class: 'muted' }, ` — ${ROLE_HELP[role]}`)),
        h('div', { class: 'party-list' }, parties.map(p => h('button', {
          type: 'button', class: 'party', 'data-role': p.role, 'data-party': p.party,
          onclick: async event => {
            const button = event.currentTarget;
            button.disabled = true;
            try {
              onSignedIn(await mint(p.role, p.party, p.label));
            } finally {
              button.disabled = false;
            }
          },
        }, h('span', { class: 'party-label' }, p.label), h('span', { class: 'party-id' }, p.party)))));
    });
    return h('div', {}, h('h2', {}, 'Sign in as a demo party'),
      h('p', { class: 'muted' }, 'One click signs you in as that party. Everyone sees only their own data.'), groups);
  });

  const role = h('select', { name: 'role' }, Object.keys(ROLE_HELP).map(r => h('option', { value: r }, r)));
  const party = h('input', { name: 'party', required: true, maxlength: 64, placeholder: 'b_…, h_… or platform', autocomplete: 'off' });
  replace(own, h('h2', {}, 'Sign in with a role and party id'),
    onSubmit(h('form', { class: 'form inline', 'data-test': 'sign-in' },
      field('Role', role, { field: 'role' }),
      field('Party id', party, { field: 'party', hint: 'Your brand id, host id, or "platform".' }),
      h('button', { type: 'submit', class: 'btn' }, 'Sign in')),
    async data => onSignedIn(await mint(data.get('role'), data.get('party').trim()))));

  const persona = h('input', { name: 'personaName', required: true, maxlength: 80 });
  const categories = h('input', { name: 'categories', placeholder: 'FOOD, HOME', required: true });
  const privateFans = h('input', { name: 'privateFans', inputmode: 'numeric', value: '0' });
  const publicFans = h('input', { name: 'publicFans', inputmode: 'numeric', value: '0' });
  replace(signup, h('h2', {}, 'New host? Sign up'),
    h('p', { class: 'muted' }, 'Creates your host account, then signs you in as it.'),
    onSubmit(h('form', { class: 'form grid', 'data-test': 'sign-up' },
      field('Persona name', persona, { field: 'personaName' }),
      field('Categories you sell', categories, { field: 'categories', hint: 'Comma separated, e.g. FOOD, HOME, BEAUTY.' }),
      field('Private-domain fans', privateFans, { field: 'privateFans' }),
      field('Public-domain fans', publicFans, { field: 'publicFans' }),
      h('button', { type: 'submit', class: 'btn' }, 'Sign up as a host')),
    async data => {
      const fans = name => {
        const text = String(data.get(name)).trim();
        if (!/^\d{1,12}$/.test(text)) throw refuse(name, 'Enter a whole number of fans.');
        return Number(text);
      };
      const body = {
        personaName: String(data.get('personaName')).trim(),
        categories: String(data.get('categories')).split(',').map(c => c.trim().toUpperCase()).filter(Boolean),
        privateFans: fans('privateFans'),
        publicFans: fans('publicFans'),
      };
      await mint('host', 'signup', 'new host');   // a host token to sign up with, then one for the new id
      try {
        const created = await post('/hosts', body);
        onSignedIn(await mint('host', created.hostId, created.personaName));
      } catch (error) {
        session.end();
        throw error;
      }
    }));

  return h('div', { class: 'signin' },
    h('div', { class: 'intro' }, h('h1', {}, 'Sign in'),
      h('p', {}, 'This is the local marketplace: choose who you are. In AWS you would sign in with your company account.')),
    demo, own, signup, tokenNote());
}

function tokenNote() {
  return h('p', { class: 'muted small' }, 'Tokens are minted by the local runtime (POST /dev/tokens) and kept for this tab only.');
}

// ---------- Cognito hosted UI (AWS) ----------

const VERIFIER = 'alliance.pkce';

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function redirectUri(auth) {
  return auth.redirectUri || `${window.location.origin}/`;
}

async function startHostedSignIn(auth) {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(VERIFIER, JSON.stringify({ verifier, state }));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const target = new URL('/oauth2/authorize', auth.domain);
  target.search = new URLSearchParams({
    response_type: 'code', client_id: auth.clientId, redirect_uri: redirectUri(auth),
    scope: auth.scope || 'openid email', state, code_challenge_method: 'S256', code_challenge: challenge,
  }).toString();
  window.location.assign(target.toString());
}

/** Back from the hosted UI with ?code=…&state=…: trade the code for tokens and start the session. */
export async function completeHostedSignIn() {
  const auth = config.auth || {};
  const params = new URLSearchParams(window.location.search);
  if (auth.mode !== 'cognito' || !params.has('code')) return;
  const pending = JSON.parse(sessionStorage.getItem(VERIFIER) || 'null');
  sessionStorage.removeItem(VERIFIER);
  window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('The sign-in could not be completed (it was started in another tab or expired). Please sign in again.');
  }
  const response = await fetch(new URL('/oauth2/token', auth.domain), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: auth.clientId, code: params.get('code'),
      redirect_uri: redirectUri(auth), code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error('The identity provider refused the sign-in. Please try again.');
  const tokens = await response.json();
  // the ID token carries the role and party claims (added by the user pool's pre-token-generation trigger)
  const claims = JSON.parse(atob(tokens.id_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  session.start(tokens.id_token, claims.name || claims.email || claims.party);
}

function hostedView(auth) {
  if (!auth.domain || !auth.clientId) {
    return h('div', { class: 'signin' }, h('div', { class: 'intro' }, h('h1', {}, 'Sign in')),
      h('div', { class: 'notice error' }, h('strong', {}, 'Sign-in is not configured for this deployment. '),
        'Deploy the stack with the ConsoleCognitoDomain and ConsoleCognitoClientId parameters of your user pool.'));
  }
  return h('div', { class: 'signin' },
    h('div', { class: 'intro' }, h('h1', {}, 'Sign in'),
      h('p', {}, 'Sign in with your company account. Your role and party come from your account.')),
    h('section', { class: 'card' },
      h('button', { type: 'button', class: 'btn', onclick: () => startHostedSignIn(auth) }, 'Sign in with your company account')));
}
