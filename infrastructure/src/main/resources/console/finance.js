// Finance screens: balances by party, settlement runs (list, draft for a cutoff, review lines page by page,
// approve, pay through the bank's batch file or by payment references), statements as CSV and the
// reconciliation in plain words.
import config from './config.js';
import { call, dev, get, post } from './api.js';
import { formatFen } from './money.js';
import { recall, remember } from './session.js';
import { Pager, badge, empty, field, h, humanize, money, onSubmit, problem, refuse, replace, section, table, toast, when } from './ui.js';
import { balanceSection, statementForm } from './earnings.js';

export const sections = [
  ['#/finance', 'Balances'],
  ['#/finance/runs', 'Settlement runs'],
  ['#/finance/reconciliation', 'Reconciliation'],
];

export async function render(view, parts, ctx) {
  if (parts[0] === 'runs' && parts[1]) return run(view, parts[1], ctx);
  if (parts[0] === 'runs') return runs(view, ctx);
  if (parts[0] === 'reconciliation') return reconciliation(view);
  return balances(view, parts[0] === 'party' ? parts[1] : '', ctx);
}

// ---------- balances by party ----------

async function knownParties() {
  const parties = new Map();
  try {
    // only the local runtime has a demo to name parties from
    const demo = config.auth?.mode === 'local' ? await dev('GET', '/dev/demo') : { parties: [] };
    (demo.parties || []).filter(p => p.role === 'brand' || p.role === 'host').forEach(p => parties.set(p.party, p.label));
  } catch {
    // not the local runtime, or no demo: the list stays what finance has seen in runs
  }
  recall('seenParties', []).forEach(id => parties.has(id) || parties.set(id, id));
  return parties;
}

function balances(view, party, ctx) {
  const result = h('section', { class: 'card wide' });
  const partyInput = h('input', { name: 'party', list: 'parties', required: true, value: party, placeholder: 'b_… or h_…', autocomplete: 'off' });
  const options = h('datalist', { id: 'parties' });
  const quick = h('div', { class: 'chips' });
  knownParties().then(parties => {
    replace(options, [...parties].map(([id, label]) => h('option', { value: id }, label)));
    replace(quick, [...parties].slice(0, 8).map(([id, label]) => h('a', { class: 'chip', href: `#/finance/party/${encodeURIComponent(id)}` }, label)));
  });
  replace(view, h('h1', {}, 'Balances by party'),
    h('section', { class: 'card wide' }, onSubmit(h('form', { class: 'form inline' },
      field('Party', partyInput, { field: 'party', hint: 'A brand or host id. Every settlement line links here too.' }), options,
      h('button', { type: 'submit', class: 'btn' }, 'Show balances')), async data => {
      ctx.go(`#/finance/party/${encodeURIComponent(String(data.get('party')).trim())}`);
    }), quick),
    result);
  if (!party) {
    replace(result, empty('Choose a party.', 'Pick one above to see what it is owed, by state, and download its statement.'));
    return;
  }
  balanceSection(result, party).then(() => {
    if (result.querySelector('[data-test="balance"]')) result.append(statementForm(party));
  });
}

// ---------- settlement runs ----------

function localInput(date) {
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
    + `:${pad(date.getSeconds())}`;
}

function runs(view, ctx) {
  const cutoff = h('input', { type: 'datetime-local', name: 'cutoff', step: 1, max: localInput(new Date()) });
  // one key per draft the user means to make: a retried or double-clicked submit drafts one run, not two
  let idempotencyKey = recall('draftKey', null) || newKey();
  remember('draftKey', idempotencyKey);
  const draft = onSubmit(h('form', { class: 'form inline', 'data-test': 'draft-run' },
    field('Cutoff', cutoff, { field: 'cutoff', hint: 'Every balance settleable as of this moment goes into the run. Empty: now.' }),
    h('button', { type: 'submit', class: 'btn' }, 'Draft a settlement run')), async data => {
    const chosen = String(data.get('cutoff') || '');
    const at = chosen ? new Date(chosen) : new Date();
    if (Number.isNaN(at.getTime())) throw refuse('cutoff', 'Choose a date and time, or leave it empty for now.');
    const created = await post('/finance/settlement-runs', { cutoff: at.toISOString(), idempotencyKey });
    remember('draftKey', newKey());
    toast(`Drafted run ${created.runId}: ${formatFen(created.totalFen)}.`);
    ctx.go(`#/finance/runs/${created.runId}`);
  });
  const open = onSubmit(h('form', { class: 'form inline' },
    field('Run id', h('input', { name: 'runId', required: true, placeholder: 'run_…', autocomplete: 'off' }), { field: 'runId' }),
    h('button', { type: 'submit', class: 'btn ghost' }, 'Open')), async data => ctx.go(`#/finance/runs/${String(data.get('runId')).trim()}`));
  const list = h('div', { 'data-test': 'runs-list' });
  const status = h('select', { name: 'status', 'data-test': 'runs-status' },
    h('option', { value: '' }, 'Any status'),
    ...['BUILDING', 'DRAFT', 'APPROVED', 'PAID', 'CANCELLING', 'CANCELLED'].map(s => h('option', { value: s }, humanize(s))));
  const pager = new Pager(() => load());
  status.addEventListener('change', () => { pager.tokens = [null]; load(); });
  const load = () => section(list, 'the settlement runs', () => get('/finance/settlement-runs', {
    status: status.value, limit: 20, next: pager.current,
  }), data => {
    pager.seen(data.next);
    if (!data.runs.length) return empty('No runs yet.', 'Draft one above.');
    return h('div', {}, table([
      { label: 'Run', cell: r => h('a', { href: `#/finance/runs/${r.runId}`, 'data-test': 'runs-row' }, r.runId) },
      { label: 'Status', cell: r => statusBadge(r.status) },
      { label: 'Cutoff', cell: r => when(r.cutoff) },
      { label: 'Total', cell: r => money(r.totalFen), class: 'num' },
      { label: 'Paid', cell: r => `${r.paidLines} of ${r.lineCount} lines`, class: 'num' },
      { label: 'Drafted', cell: r => h('span', {}, r.createdBy, h('br'), h('small', { class: 'muted' }, when(r.createdAt))) },
      { label: 'Approved', cell: r => r.approvedBy
        ? h('span', {}, r.approvedBy, h('br'), h('small', { class: 'muted' }, when(r.approvedAt))) : h('span', { class: 'muted' }, '—') },
    ], data.runs), pager.controls('Runs'));
  });
  replace(view, h('h1', {}, 'Settlement runs'),
    h('section', { class: 'card wide' }, h('h2', {}, 'Draft a run'),
      h('p', { class: 'muted' }, 'A run starts as a DRAFT to review; approving it settles its lines; the bank pays them '
        + 'from the payment file, and its results file records them paid.'), draft),
    h('section', { class: 'card wide' }, h('h2', {}, 'Runs, newest first'),
      h('div', { class: 'form inline' }, field('Status', status)), list, open));
  load();
}

function newKey() {
  return `console-${crypto.randomUUID ? crypto.randomUUID() : Date.now() + '-' + Math.random().toString(36).slice(2)}`;
}

function statusBadge(status) {
  return badge(status, { BUILDING: 'warn', DRAFT: 'warn', APPROVED: 'info', PAID: 'ok', CANCELLED: '' }[status] || '');
}

const isPaid = line => line.status === 'PAID' || Boolean(line.paymentRef);
const isReleased = line => line.status === 'RELEASED';

function run(view, runId, ctx) {
  const summary = h('section', { class: 'card wide', 'data-test': 'run' });
  const lines = h('section', { class: 'card wide', 'data-test': 'run-lines' });
  const bank = h('section', { class: 'card wide', 'data-test': 'bank' });
  const pager = new Pager(() => load());
  let building = null;
  replace(view, h('p', {}, h('a', { href: '#/finance/runs' }, '← Settlement runs')), summary, bank, lines);
  const load = async () => {
    replace(lines);
    try {
      const data = await get(`/finance/settlement-runs/${runId}`, { limit: 20, next: pager.current });
      pager.seen(data.next);
      const seen = new Set(recall('seenParties', []));
      data.lines.forEach(line => seen.add(line.party));
      remember('seenParties', [...seen].slice(-200));
      replace(summary, runSummary(data, load));
      bank.hidden = data.status !== 'APPROVED';
      if (data.status === 'APPROVED') bankPayment(bank, data, load);
      else replace(bank);
      replace(lines, runLines(data, pager, load));
      clearTimeout(building);
      // a very large run is still claiming its lines: look again shortly, until it is ready to review
      if (data.status === 'BUILDING' && view.isConnected) building = setTimeout(load, 2000);
    } catch (error) {
      replace(summary, problem(error, 'the settlement run'));
    }
  };
  load();
}

function runSummary(data, reload) {
  const approve = data.status === 'DRAFT' ? h('button', { type: 'button', class: 'btn', 'data-test': 'approve', onclick: async event => {
    event.currentTarget.disabled = true;
    try {
      const approved = await post(`/finance/settlement-runs/${data.runId}/approve`);
      toast(`Run ${approved.runId} approved: its lines are settled and wait for payment.`);
    } catch (error) {
      toast(error.message, 'error');
    }
    reload();
  } }, 'Approve this run') : null;
  return h('div', {},
    h('h1', {}, 'Run ', h('code', {}, data.runId), ' ', h('span', { 'data-test': 'run-status' }, statusBadge(data.status))),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Cutoff'), h('dd', {}, when(data.cutoff)),
      h('dt', {}, 'Total'), h('dd', { 'data-test': 'run-total' }, formatFen(data.totalFen)),
      data.lineCount !== undefined ? [h('dt', {}, 'Lines'), h('dd', {}, String(data.lineCount))] : null,
      data.paidFen !== undefined ? [h('dt', {}, 'Paid so far'), h('dd', {}, formatFen(data.paidFen))] : null),
    h('p', { class: 'muted' }, {
      BUILDING: 'Claiming the settleable balances into lines; this page refreshes until the run is ready to review.',
      DRAFT: 'Review the lines, then approve. Nothing is settled until you do.',
      APPROVED: 'Approved: record the bank payment reference of each line as you pay it.',
      PAID: 'Every line is paid out.',
    }[data.status] || ''),
    approve);
}

function runLines(data, pager, reload) {
  if (!data.lines.length && pager.page === 1) {
    return empty('This run has no lines.', 'Nothing was settleable as of its cutoff: orders become settleable once their after-sale window has passed.');
  }
  const payable = data.status === 'APPROVED';
  const refs = new Map();
  const prefix = h('input', { name: 'prefix', value: `PAY-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-`, autocomplete: 'off' });
  const rows = table([
    { label: 'Party', cell: l => h('a', { href: `#/finance/party/${encodeURIComponent(l.party)}`, 'data-test': 'line-party' }, l.party) },
    { label: 'Amount', cell: l => money(l.amountFen), class: 'num' },
    { label: 'Status', cell: l => badge(l.status || '—', isPaid(l) ? 'ok' : '') },
    { label: 'Payment reference', cell: l => {
      if (isPaid(l)) return l.paymentRef || 'paid';
      if (l.failure && !payable) return h('span', { 'data-test': 'line-failure' }, badge('bank refused', 'bad'), ' ', l.failure.reason);
      if (isReleased(l)) return h('span', { class: 'muted' }, 'released to the next run');
      if (!payable) return h('span', { class: 'muted' }, data.status === 'DRAFT' ? 'after approval' : '—');
      const input = h('input', { name: `ref-${l.lineId}`, 'data-line': l.lineId, 'data-field': 'payments', autocomplete: 'off',
        placeholder: 'bank reference', maxlength: 64, 'aria-label': `Payment reference for ${l.party}` });
      refs.set(l.lineId, input);
      return l.failure ? h('div', {}, h('div', { 'data-test': 'line-failure' }, badge('bank refused', 'bad'), ' ', l.failure.reason), input)
        : input;
    } },
  ], data.lines);
  const form = payable && refs.size ? onSubmit(h('form', { class: 'form', 'data-test': 'payouts' },
    h('div', { class: 'actions' },
      field('Reference prefix', prefix, { hint: 'Fills the empty references with the prefix and the line id.' }),
      h('button', { type: 'button', class: 'btn ghost', 'data-test': 'fill-refs', onclick: () => refs.forEach((input, lineId) => {
        if (!input.value.trim()) input.value = `${prefix.value}${lineId}`.slice(0, 64);
      }) }, 'Fill empty references'),
      h('button', { type: 'submit', class: 'btn', 'data-test': 'record-payments' }, 'Record payments'))), async () => {
    const payments = [...refs].map(([lineId, input]) => ({ lineId, paymentRef: input.value.trim() })).filter(p => p.paymentRef);
    if (!payments.length) throw refuse('payments', 'Enter the payment reference of at least one line.');
    const result = await post(`/finance/settlement-runs/${data.runId}/payouts`, { payments });
    toast(`Recorded ${payments.length} payment${payments.length === 1 ? '' : 's'}; the run is ${result.status}.`);
    reload();
  }) : null;
  return h('div', {}, h('h2', {}, 'Lines'), form ? h('div', {}, rows, form) : rows, pager.controls('Lines'));
}

// ---------- the bank's batch payment: file out, results in ----------

/** Sends a results file until it is wholly recorded: a file cut short by the request's time budget is simply sent again. */
async function sendResults(runId, text) {
  for (let attempt = 1; ; attempt++) {
    const result = await call('POST', `/finance/settlement-runs/${runId}/payment-results`, { rawBody: text, contentType: 'text/csv; charset=utf-8' });
    if (result.complete || attempt >= 20) return result;
  }
}

// what the last results file of each run came to: it stays on the page while the run reloads
const lastImport = new Map();

function bankPayment(container, data, reload) {
  const status = h('p', { class: 'muted', 'data-test': 'bank-status' });
  const outcome = h('div', { 'data-test': 'import-outcome' }, lastImport.has(data.runId) ? importOutcome(lastImport.get(data.runId)) : null);
  const file = h('input', { type: 'file', name: 'results', accept: '.csv,text/csv', required: true, 'data-test': 'results-file' });
  const upload = onSubmit(h('form', { class: 'form inline', 'data-test': 'upload-results' },
    field('Bank results file', file, { field: 'body', hint: 'The CSV the bank answers: line_ref, amount, status (PAID or FAILED), bank_ref, reason.' }),
    h('button', { type: 'submit', class: 'btn' }, 'Record the results')), async () => {
    const chosen = file.files && file.files[0];
    if (!chosen) throw refuse('body', 'Choose the results file the bank sent back.');
    const result = await sendResults(data.runId, await chosen.text());
    lastImport.set(data.runId, result);
    replace(outcome, importOutcome(result));
    toast(result.alreadyImported ? 'This results file was recorded before: nothing was recorded again.'
      : `Recorded ${result.recordedPaid} paid and ${result.failedCount} refused; the run is ${result.status}.`);
    reload();
  });
  const download = h('button', { type: 'button', class: 'btn', 'data-test': 'download-payment-file', onclick: async event => {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      const csv = await call('GET', `/finance/settlement-runs/${data.runId}/payment-file`, { accept: 'text/csv' });
      const batchRef = String(csv).split(/\r?\n/)[1]?.split(',')[0] || data.runId;
      const link = h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' })), download: `${batchRef}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      replace(status, `Downloaded ${batchRef}.csv: give it to the bank's batch payment (批量代发) service.`);
    } catch (error) {
      toast(error.message, 'error');
    } finally {
      button.disabled = false;
    }
  } }, 'Download the payment file');
  replace(container, h('h2', {}, 'Pay through the bank'), h('p', {}, 'Loading the payment file…'));
  get(`/finance/settlement-runs/${data.runId}/payment-file/summary`).then(summary => {
    const without = summary.withoutAccount.length ? h('div', { 'data-test': 'without-account' },
      h('h3', {}, `${summary.withoutAccountCount} line${summary.withoutAccountCount === 1 ? '' : 's'} left out: no payout account`),
      h('p', { class: 'muted' }, 'These payees have not entered a payout account on their profile; the file carries them once they do.'),
      table([
        { label: 'Party', cell: l => h('a', { href: `#/finance/party/${encodeURIComponent(l.party)}` }, l.party) },
        { label: 'Amount', cell: l => money(l.amountFen), class: 'num' },
      ], summary.withoutAccount)) : null;
    replace(container, h('h2', {}, 'Pay through the bank'),
      h('dl', { class: 'facts', 'data-test': 'payment-file' },
        h('dt', {}, 'Batch reference'), h('dd', { 'data-test': 'batch-ref' }, summary.batchRef),
        h('dt', {}, 'Lines in the file'), h('dd', { 'data-test': 'file-lines' }, String(summary.lineCount)),
        h('dt', {}, 'Control total'), h('dd', { 'data-test': 'control-total' }, formatFen(summary.controlTotalFen))),
      h('div', { class: 'actions' }, download), status, without, upload, outcome);
  }).catch(error => replace(container, problem(error, 'the payment file')));
}

function importOutcome(result) {
  return h('div', {},
    h('p', { 'data-test': 'import-summary' }, result.alreadyImported
      ? 'This results file was recorded before; nothing was recorded again.'
      : `${result.rows} result rows: ${result.recordedPaid} recorded paid, ${result.alreadyPaid} already paid, `
        + `${result.failedCount} refused by the bank.`),
    result.failures.length ? h('div', { 'data-test': 'import-failures' }, h('h3', {}, 'Refused by the bank'),
      h('p', { class: 'muted' }, 'These lines stay unpaid; the next payment file carries them again.'),
      table([
        { label: 'Row', cell: f => String(f.row), class: 'num' },
        { label: 'Party', cell: f => f.party },
        { label: 'Amount', cell: f => money(f.amountFen), class: 'num' },
        { label: 'Reason', cell: f => h('span', { 'data-test': 'failure-reason' }, f.reason) },
      ], result.failures)) : null);
}

// ---------- reconciliation ----------

function reconciliation(view) {
  const result = h('section', { class: 'card wide', 'data-test': 'reconciliation' });
  replace(view, h('h1', {}, 'Reconciliation'), result);
  section(result, 'the reconciliation', () => get('/finance/reconciliation'), report => {
    const verdict = report.balanced
      ? h('div', { class: 'verdict ok', 'data-test': 'verdict' }, h('strong', {}, 'The ledger balances.'),
        h('p', {}, 'Every posting has its opposite: money owed to parties equals money taken in, to the fen.'))
      : h('div', { class: 'verdict bad', 'data-test': 'verdict' }, h('strong', {}, 'The ledger does not balance.'),
        h('p', {}, 'Some postings have no opposite. The figures below show where; settle nothing until it is explained.'));
    const counts = [
      ['postings', 'postings checked'], ['ordersChecked', 'orders checked'], ['unbalancedOrderCount', 'orders out of balance'],
      ['runsChecked', 'settlement runs checked'], ['runMismatchCount', 'runs whose lines do not match'],
      ['payeesChecked', 'payees checked'], ['cursorMismatchCount', 'payees whose settled amounts drift'],
    ].filter(([key]) => typeof report[key] === 'number').map(([key, label]) => h('li', {}, h('strong', {}, String(report[key])), ` ${label}`));
    const byState = report.totalsByState || report.owedToPayeesByState;
    return h('div', {}, verdict,
      report.summary ? h('p', { class: 'summary' }, report.summary) : null,
      counts.length ? h('ul', { class: 'plain counts' }, counts) : null,
      report.debitsFen !== undefined ? h('p', {}, 'Debits ', money(report.debitsFen), ' · credits ', money(report.creditsFen)) : null,
      byState ? h('div', {}, h('h2', {}, 'Owed to payees, by state'), table([
        { label: 'State', cell: ([state]) => humanize(state) },
        { label: 'Amount', cell: ([, fen]) => money(fen), class: 'num' },
      ], Object.entries(report.owedToPayeesByState || byState))) : null,
      (report.unbalancedOrders || []).length ? h('div', {}, h('h2', {}, 'Orders out of balance'), table([
        { label: 'Order', cell: o => o.orderId }, { label: 'Off by', cell: o => money(o.imbalanceFen), class: 'num' },
      ], report.unbalancedOrders)) : null);
  });
}
