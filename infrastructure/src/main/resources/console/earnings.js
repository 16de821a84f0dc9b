// Money a party is owed, by state, and its statement: shared by the host's and finance's screens.
import { call, get } from './api.js';
import { formatFen } from './money.js';
import { field, h, onSubmit, replace, section } from './ui.js';
import { t, tc } from './i18n.js';
import { party as partyName } from './names.js';

// the balance states in the order money moves through them; each is labelled by "state.<key>" and "state.<key>.help"
export const STATES = ['pendingFen', 'heldFen', 'settleableFen', 'settledUnpaidFen', 'paidOutFen'];

export function balanceCards(balance) {
  return h('div', { class: 'states', 'data-test': 'balance' }, STATES.map(key =>
    h('div', { class: `state state-${key}`, 'data-state': key },
      h('span', { class: 'state-label' }, t(`state.${key}`)),
      h('span', { class: 'state-value', 'data-test': `balance-${key}` }, formatFen(balance[key])),
      h('span', { class: 'state-help' }, t(`state.${key}.help`)))));
}

/** A 404 naming a host or brand id that is no party: not a party with nothing, so never shown as zeros. */
export function isUnknownParty(error) {
  return Boolean(error) && error.status === 404 && (error.code === 'HOST_NOT_FOUND' || error.code === 'BRAND_NOT_FOUND');
}

function unknownParty(party) {
  return h('div', { class: 'notice error', role: 'alert', 'data-test': 'unknown-party' },
    h('strong', {}, t('earnings.unknownParty', { party })), h('p', {}, t('earnings.unknownPartyHint')));
}

export function balanceSection(container, party, title) {
  // an id that names no host or brand answers 404 HOST_NOT_FOUND / BRAND_NOT_FOUND: said so, with no balance cards
  const load = () => get('/finance/balances', { party }).catch(error => {
    if (isUnknownParty(error)) return { unknown: true };
    throw error;
  });
  return section(container, t('earnings.what'), load, balance => balance.unknown ? unknownParty(party) : h('div', {},
    h('h2', { 'data-test': 'balances-title' }, title || [t('earnings.balancesOf'), ' ', partyName(party)]),
    balanceCards(balance),
    balance.totalFen !== undefined ? h('p', { class: 'muted' }, t('earnings.total'), ' ', formatFen(balance.totalFen)) : null));
}

/**
 * The payee's payout account: shown masked as every read shows it, and entered here (the bank payment file is
 * the one place the whole number goes). {@code profilePath} reads the profile, {@code accountPath} sets it.
 */
export function payoutAccountSection(container, profilePath, accountPath) {
  const load = () => section(container, t('payout.what'), () => get(profilePath), profile => {
    const account = profile.payoutAccount;
    const form = onSubmit(h('form', { class: 'form inline', 'data-test': 'payout-account' },
      field(t('payout.bank'), h('input', { name: 'bankName', required: true, maxlength: 64, value: account?.bankName || '' }), { field: 'bankName' }),
      field(t('payout.accountName'), h('input', { name: 'accountName', required: true, maxlength: 64, value: account?.accountName || '' }),
        { field: 'accountName' }),
      field(t('payout.accountNumber'), h('input', { name: 'accountNumber', required: true, inputmode: 'numeric', autocomplete: 'off',
        placeholder: account ? t('payout.enterAgain', { number: account.accountNumber }) : t('payout.digits') }),
      { field: 'accountNumber', hint: t('payout.accountNumberHint') }),
      h('button', { type: 'submit', class: 'btn' }, account ? t('payout.change') : t('payout.save'))), async data => {
      await call('PUT', accountPath, { body: { bankName: data.get('bankName'), accountName: data.get('accountName'),
        accountNumber: data.get('accountNumber') } });
      load();
    });
    return h('div', {}, h('h2', {}, t('payout.title')),
      account ? h('p', { 'data-test': 'payout-account-shown' }, `${account.bankName} · ${account.accountName} · ${account.accountNumber}`)
        : h('p', { class: 'muted', 'data-test': 'payout-account-shown' }, t('payout.none')),
      form);
  });
  load();
}

/** Downloads a party's statement as CSV, as the API renders it (Accept: text/csv). */
export function statementForm(party) {
  const from = h('input', { type: 'date', name: 'from' });
  const to = h('input', { type: 'date', name: 'to' });
  const status = h('p', { class: 'muted small', role: 'status' });
  return h('div', { class: 'statement' }, h('h3', {}, t('statement.title')),
    onSubmit(h('form', { class: 'form inline' },
      field(t('statement.from'), from, { field: 'from', hint: t('statement.fromHint') }),
      field(t('statement.to'), to, { field: 'to', hint: t('statement.toHint') }),
      h('button', { type: 'submit', class: 'btn ghost', 'data-test': 'download-statement' }, t('statement.download'))), async data => {
      replace(status, t('statement.preparing'));
      const csv = await call('GET', `/finance/statements/${encodeURIComponent(party)}`, {
        query: { from: data.get('from'), to: data.get('to') }, accept: 'text/csv',
      }).catch(error => {
        replace(status);
        if (isUnknownParty(error)) throw { status: error.status, code: error.code, message: t('earnings.unknownParty', { party }) };
        throw error;
      });
      const link = h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })),
        download: `statement-${party}${data.get('from') ? '-' + data.get('from') : ''}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      const rows = Math.max(0, String(csv).trim().split('\n').length - 1);
      replace(status, tc('statement.downloaded', rows));
    }), status);
}
