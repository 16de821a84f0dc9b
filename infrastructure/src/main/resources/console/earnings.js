// Money a party is owed, by state, and its statement: shared by the host's and finance's screens.
import { call, get } from './api.js';
import { formatFen } from './money.js';
import { field, h, onSubmit, replace, section } from './ui.js';

export const STATES = [
  ['pendingFen', 'Pending', 'Paid orders still inside their after-sale window.'],
  ['heldFen', 'Held', 'Orders under a risk hold, until an operator releases or voids them.'],
  ['settleableFen', 'Settleable', 'Past the after-sale window: the next settlement run will include it.'],
  ['settledUnpaidFen', 'Settled', 'In an approved settlement run, waiting for the payment.'],
  ['paidOutFen', 'Paid out', 'Paid: finance recorded the payment reference.'],
];

export function balanceCards(balance) {
  return h('div', { class: 'states', 'data-test': 'balance' }, STATES.map(([key, label, help]) =>
    h('div', { class: `state state-${key}`, 'data-state': key },
      h('span', { class: 'state-label' }, label),
      h('span', { class: 'state-value', 'data-test': `balance-${key}` }, formatFen(balance[key])),
      h('span', { class: 'state-help' }, help))));
}

export function balanceSection(container, party, title) {
  return section(container, 'the balances', () => get('/finance/balances', { party }), balance => h('div', {},
    h('h2', {}, title || `Balances of ${party}`),
    balanceCards(balance),
    balance.totalFen !== undefined ? h('p', { class: 'muted' }, 'Earned in all, net of refunds and clawbacks: ', formatFen(balance.totalFen)) : null));
}

/**
 * The payee's payout account: shown masked as every read shows it, and entered here (the bank payment file is
 * the one place the whole number goes). {@code profilePath} reads the profile, {@code accountPath} sets it.
 */
export function payoutAccountSection(container, profilePath, accountPath) {
  const load = () => section(container, 'your payout account', () => get(profilePath), profile => {
    const account = profile.payoutAccount;
    const form = onSubmit(h('form', { class: 'form inline', 'data-test': 'payout-account' },
      field('Bank', h('input', { name: 'bankName', required: true, maxlength: 64, value: account?.bankName || '' }), { field: 'bankName' }),
      field('Account name', h('input', { name: 'accountName', required: true, maxlength: 64, value: account?.accountName || '' }),
        { field: 'accountName' }),
      field('Account number', h('input', { name: 'accountNumber', required: true, inputmode: 'numeric', autocomplete: 'off',
        placeholder: account ? `${account.accountNumber} (enter again to change)` : '10 to 30 digits' }),
      { field: 'accountNumber', hint: 'Finance pays you through the bank\'s batch payment into this account.' }),
      h('button', { type: 'submit', class: 'btn' }, account ? 'Change the account' : 'Save the account')), async data => {
      await call('PUT', accountPath, { body: { bankName: data.get('bankName'), accountName: data.get('accountName'),
        accountNumber: data.get('accountNumber') } });
      load();
    });
    return h('div', {}, h('h2', {}, 'Payout account'),
      account ? h('p', { 'data-test': 'payout-account-shown' }, `${account.bankName} · ${account.accountName} · ${account.accountNumber}`)
        : h('p', { class: 'muted', 'data-test': 'payout-account-shown' }, 'No payout account yet: settlement lines wait until you enter one.'),
      form);
  });
  load();
}

/** Downloads a party's statement as CSV, as the API renders it (Accept: text/csv). */
export function statementForm(party) {
  const from = h('input', { type: 'date', name: 'from' });
  const to = h('input', { type: 'date', name: 'to' });
  const status = h('p', { class: 'muted small', role: 'status' });
  return h('div', { class: 'statement' }, h('h3', {}, 'Statement'),
    onSubmit(h('form', { class: 'form inline' },
      field('From', from, { field: 'from', hint: 'Empty: from the beginning.' }),
      field('To (inclusive)', to, { field: 'to', hint: 'Empty: up to now.' }),
      h('button', { type: 'submit', class: 'btn ghost', 'data-test': 'download-statement' }, 'Download CSV')), async data => {
      replace(status, 'Preparing the statement…');
      const csv = await call('GET', `/finance/statements/${encodeURIComponent(party)}`, {
        query: { from: data.get('from'), to: data.get('to') }, accept: 'text/csv',
      });
      const link = h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })),
        download: `statement-${party}${data.get('from') ? '-' + data.get('from') : ''}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      const rows = Math.max(0, String(csv).trim().split('\n').length - 1);
      replace(status, `Downloaded ${rows} posting${rows === 1 ? '' : 's'}.`);
    }), status);
}
