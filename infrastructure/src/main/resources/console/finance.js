// Finance screens: balances by party, settlement runs (list, draft for a cutoff, review lines page by page,
// approve, pay through the bank's batch file or by payment references), statements as CSV and the
// reconciliation in plain words.
import config from './config.js';
import { call, dev, get, post } from './api.js';
import { formatFen } from './money.js';
import { recall, remember } from './session.js';
import { Pager, badge, empty, field, fieldLabel, h, money, onSubmit, problem, refuse, replace, section, table, toast, when } from './ui.js';
import { balanceSection, statementForm } from './earnings.js';
import { fromCstInput, has, language, nowCstInput, number, t, tc, tn } from './i18n.js';
import { nameOf, party as partyName } from './names.js';

export const sections = [
  ['#/finance', 'nav.finance.balances'],
  ['#/finance/runs', 'nav.finance.runs'],
  ['#/finance/reconciliation', 'nav.finance.reconciliation'],
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
  const seen = recall('seenParties', []).filter(id => !parties.has(id));
  // parties seen in runs are named by the API, all in one request
  const names = await Promise.all(seen.map(nameOf));
  seen.forEach((id, i) => parties.set(id, names[i] || id));
  return parties;
}

function balances(view, party, ctx) {
  const result = h('section', { class: 'card wide' });
  const partyInput = h('input', { name: 'party', list: 'parties', required: true, value: party, placeholder: t('balances.partyPlaceholder'), autocomplete: 'off' });
  const options = h('datalist', { id: 'parties' });
  const quick = h('div', { class: 'chips' });
  knownParties().then(parties => {
    replace(options, [...parties].map(([id, label]) => h('option', { value: id }, label)));
    replace(quick, [...parties].slice(0, 8).map(([id, label]) => h('a', { class: 'chip', href: `#/finance/party/${encodeURIComponent(id)}` }, label)));
  });
  replace(view, h('h1', {}, t('balances.title')),
    h('section', { class: 'card wide' }, onSubmit(h('form', { class: 'form inline' },
      field(t('balances.party'), partyInput, { field: 'party', hint: t('balances.partyHint') }), options,
      h('button', { type: 'submit', class: 'btn' }, t('balances.show'))), async data => {
      ctx.go(`#/finance/party/${encodeURIComponent(String(data.get('party')).trim())}`);
    }), quick),
    result);
  if (!party) {
    replace(result, empty(t('balances.choose'), t('balances.chooseHint')));
    return;
  }
  balanceSection(result, party).then(() => {
    if (result.querySelector('[data-test="balance"]')) result.append(statementForm(party));
  });
}

// ---------- settlement runs ----------

function runs(view, ctx) {
  // the cutoff is entered and read in China Standard Time, whatever the browser's zone
  const cutoff = h('input', { type: 'datetime-local', name: 'cutoff', step: 1, max: nowCstInput() });
  // one key per draft the user means to make: a retried or double-clicked submit drafts one run, not two
  let idempotencyKey = recall('draftKey', null) || newKey();
  remember('draftKey', idempotencyKey);
  const draft = onSubmit(h('form', { class: 'form inline', 'data-test': 'draft-run' },
    field(t('runs.cutoff'), cutoff, { field: 'cutoff', hint: t('runs.cutoffHint') }),
    h('button', { type: 'submit', class: 'btn' }, t('runs.draft'))), async data => {
    const chosen = String(data.get('cutoff') || '');
    const at = chosen ? fromCstInput(chosen) : new Date();
    if (!at) throw refuse('cutoff', t('runs.cutoffRefused'));
    const created = await post('/finance/settlement-runs', { cutoff: at.toISOString(), idempotencyKey });
    remember('draftKey', newKey());
    toast(t('runs.drafted', { runId: created.runId, total: formatFen(created.totalFen) }));
    ctx.go(`#/finance/runs/${created.runId}`);
  });
  const open = onSubmit(h('form', { class: 'form inline' },
    field(t('runs.runId'), h('input', { name: 'runId', required: true, placeholder: 'run_…', autocomplete: 'off' }), { field: 'runId' }),
    h('button', { type: 'submit', class: 'btn ghost' }, t('runs.open'))), async data => ctx.go(`#/finance/runs/${String(data.get('runId')).trim()}`));
  const list = h('div', { 'data-test': 'runs-list' });
  const status = h('select', { name: 'status', 'data-test': 'runs-status' },
    h('option', { value: '' }, t('runs.anyStatus')),
    ...['BUILDING', 'DRAFT', 'APPROVED', 'PAID', 'CANCELLING', 'CANCELLED'].map(s => h('option', { value: s }, statusText(s))));
  const pager = new Pager(() => load());
  status.addEventListener('change', () => { pager.tokens = [null]; load(); });
  const load = () => section(list, t('runs.listWhat'), () => get('/finance/settlement-runs', {
    status: status.value, limit: 20, next: pager.current,
  }), data => {
    pager.seen(data.next);
    if (!data.runs.length) return empty(t('runs.none'), t('runs.noneHint'));
    return h('div', {}, table([
      { label: t('runs.run'), cell: r => h('a', { href: `#/finance/runs/${r.runId}`, 'data-test': 'runs-row' }, r.runId) },
      { label: t('col.status'), cell: r => statusBadge(r.status) },
      { label: t('runs.cutoff'), cell: r => when(r.cutoff) },
      { label: t('runs.total'), cell: r => money(r.totalFen), class: 'num' },
      { label: t('runs.paid'), cell: r => t('runs.paidOfLines', { paid: number(r.paidLines), lines: number(r.lineCount) }), class: 'num' },
      { label: t('runs.drafted.by'), cell: r => h('span', {}, r.createdBy, h('br'), h('small', { class: 'muted' }, when(r.createdAt))) },
      { label: t('runs.approved.by'), cell: r => r.approvedBy
        ? h('span', {}, r.approvedBy, h('br'), h('small', { class: 'muted' }, when(r.approvedAt))) : h('span', { class: 'muted' }, '—') },
    ], data.runs), pager.controls(t('runs.title')));
  });
  replace(view, h('h1', {}, t('runs.title')),
    h('section', { class: 'card wide' }, h('h2', {}, t('runs.draftTitle')),
      h('p', { class: 'muted' }, t('runs.explain')), draft),
    h('section', { class: 'card wide' }, h('h2', {}, t('runs.newestFirst')),
      h('div', { class: 'form inline' }, field(t('col.status'), status)), list, open));
  load();
}

function newKey() {
  return `console-${crypto.randomUUID ? crypto.randomUUID() : Date.now() + '-' + Math.random().toString(36).slice(2)}`;
}

const statusText = status => (has(`status.${status}`) ? t(`status.${status}`) : status);

function statusBadge(status) {
  const text = statusText(status);
  return h('span', { 'data-status': status }, badge(text, { BUILDING: 'warn', DRAFT: 'warn', APPROVED: 'info', PAID: 'ok', CANCELLED: '' }[status] || ''));
}

const isPaid = line => line.status === 'PAID' || Boolean(line.paymentRef);
const isReleased = line => line.status === 'RELEASED';

function run(view, runId, ctx) {
  const summary = h('section', { class: 'card wide', 'data-test': 'run' });
  const lines = h('section', { class: 'card wide', 'data-test': 'run-lines' });
  const bank = h('section', { class: 'card wide', 'data-test': 'bank' });
  const pager = new Pager(() => load());
  let building = null;
  replace(view, h('p', {}, h('a', { href: '#/finance/runs' }, t('runs.back'))), summary, bank, lines);
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
      replace(summary, problem(error, t('runs.what')));
    }
  };
  load();
}

function runSummary(data, reload) {
  const approve = data.status === 'DRAFT' ? h('button', { type: 'button', class: 'btn', 'data-test': 'approve', onclick: async event => {
    event.currentTarget.disabled = true;
    try {
      const approved = await post(`/finance/settlement-runs/${data.runId}/approve`);
      toast(t('runs.approved', { runId: approved.runId }));
    } catch (error) {
      toast(error.message, 'error');
    }
    reload();
  } }, t('runs.approve')) : null;
  return h('div', {},
    h('h1', {}, tn('runs.heading', { id: h('code', {}, data.runId) }), ' ', h('span', { 'data-test': 'run-status' }, statusBadge(data.status))),
    h('dl', { class: 'facts' },
      h('dt', {}, t('runs.cutoff')), h('dd', { 'data-test': 'run-cutoff' }, when(data.cutoff)),
      h('dt', {}, t('runs.total')), h('dd', { 'data-test': 'run-total' }, formatFen(data.totalFen)),
      data.lineCount !== undefined ? [h('dt', {}, t('runs.lines')), h('dd', {}, String(data.lineCount))] : null,
      data.paidFen !== undefined ? [h('dt', {}, t('runs.paidSoFar')), h('dd', {}, formatFen(data.paidFen))] : null),
    h('p', { class: 'muted' }, has(`runs.state.${data.status}`) ? t(`runs.state.${data.status}`) : ''),
    approve);
}

function runLines(data, pager, reload) {
  if (!data.lines.length && pager.page === 1) {
    return empty(t('runs.noLines'), t('runs.noLinesHint'));
  }
  const payable = data.status === 'APPROVED';
  const refs = new Map();
  const prefix = h('input', { name: 'prefix', value: `PAY-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-`, autocomplete: 'off' });
  const rows = table([
    { label: t('balances.party'), cell: l => partyName(l.party, 'a', { href: `#/finance/party/${encodeURIComponent(l.party)}`, 'data-test': 'line-party' }) },
    { label: t('runs.amount'), cell: l => money(l.amountFen), class: 'num' },
    { label: t('col.status'), cell: l => badge(l.status ? statusText(l.status) : '—', isPaid(l) ? 'ok' : '') },
    { label: t('runs.paymentRef'), cell: l => {
      if (isPaid(l)) return l.paymentRef || t('status.PAID');
      if (l.failure && !payable) return h('span', { 'data-test': 'line-failure' }, badge(t('bank.refused'), 'bad'), ' ', l.failure.reason);
      if (isReleased(l)) return h('span', { class: 'muted' }, t('runs.releasedToNext'));
      if (!payable) return h('span', { class: 'muted' }, data.status === 'DRAFT' ? t('runs.afterApproval') : '—');
      const input = h('input', { name: `ref-${l.lineId}`, 'data-line': l.lineId, 'data-field': 'payments', autocomplete: 'off',
        placeholder: t('runs.bankRef'), maxlength: 64, 'aria-label': t('runs.paymentRefFor', { party: l.party }) });
      refs.set(l.lineId, input);
      return l.failure ? h('div', {}, h('div', { 'data-test': 'line-failure' }, badge(t('bank.refused'), 'bad'), ' ', l.failure.reason), input)
        : input;
    } },
  ], data.lines);
  const form = payable && refs.size ? onSubmit(h('form', { class: 'form', 'data-test': 'payouts' },
    h('div', { class: 'actions' },
      field(t('runs.prefix'), prefix, { hint: t('runs.prefixHint') }),
      h('button', { type: 'button', class: 'btn ghost', 'data-test': 'fill-refs', onclick: () => refs.forEach((input, lineId) => {
        if (!input.value.trim()) input.value = `${prefix.value}${lineId}`.slice(0, 64);
      }) }, t('runs.fillRefs')),
      h('button', { type: 'submit', class: 'btn', 'data-test': 'record-payments' }, t('runs.recordPayments')))), async () => {
    const payments = [...refs].map(([lineId, input]) => ({ lineId, paymentRef: input.value.trim() })).filter(p => p.paymentRef);
    if (!payments.length) throw refuse('payments', t('runs.refRequired'));
    const result = await post(`/finance/settlement-runs/${data.runId}/payouts`, { payments });
    toast(tc('runs.recorded', payments.length, { status: has(`status.${result.status}`) ? t(`status.${result.status}`) : result.status }));
    reload();
  }) : null;
  return h('div', {}, h('h2', {}, t('runs.lines')), form ? h('div', {}, rows, form) : rows, pager.controls(t('runs.lines')));
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
    field(t('bank.resultsFile'), file, { field: 'body', hint: t('bank.resultsFileHint') }),
    h('button', { type: 'submit', class: 'btn' }, t('bank.recordResults'))), async () => {
    const chosen = file.files && file.files[0];
    if (!chosen) throw refuse('body', t('bank.chooseResults'));
    const result = await sendResults(data.runId, await chosen.text());
    lastImport.set(data.runId, result);
    replace(outcome, importOutcome(result));
    toast(result.alreadyImported ? t('bank.alreadyImported')
      : t('bank.recorded', { paid: number(result.recordedPaid), refused: number(result.failedCount), status: statusText(result.status) }));
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
      replace(status, t('bank.downloaded', { file: `${batchRef}.csv` }));
    } catch (error) {
      toast(error.message, 'error');
    } finally {
      button.disabled = false;
    }
  } }, t('bank.download'));
  replace(container, h('h2', {}, t('bank.title')), h('p', {}, t('ui.loading', { what: t('bank.what') })));
  get(`/finance/settlement-runs/${data.runId}/payment-file/summary`).then(summary => {
    const without = summary.withoutAccount.length ? h('div', { 'data-test': 'without-account' },
      h('h3', {}, tc('bank.withoutAccount', summary.withoutAccountCount)),
      h('p', { class: 'muted' }, t('bank.withoutAccountHint')),
      table([
        { label: t('balances.party'), cell: l => partyName(l.party, 'a', { href: `#/finance/party/${encodeURIComponent(l.party)}` }) },
        { label: t('runs.amount'), cell: l => money(l.amountFen), class: 'num' },
      ], summary.withoutAccount)) : null;
    replace(container, h('h2', {}, t('bank.title')),
      h('dl', { class: 'facts', 'data-test': 'payment-file' },
        h('dt', {}, t('bank.batchRef')), h('dd', { 'data-test': 'batch-ref' }, summary.batchRef),
        h('dt', {}, t('bank.fileLines')), h('dd', { 'data-test': 'file-lines' }, number(summary.lineCount)),
        h('dt', {}, t('bank.controlTotal')), h('dd', { 'data-test': 'control-total' }, formatFen(summary.controlTotalFen))),
      h('div', { class: 'actions' }, download), status, without, upload, outcome);
  }).catch(error => replace(container, problem(error, t('bank.what'))));
}

function importOutcome(result) {
  return h('div', {},
    h('p', { 'data-test': 'import-summary' }, result.alreadyImported
      ? t('bank.alreadyImported')
      : t('bank.summary', { rows: number(result.rows), paid: number(result.recordedPaid), alreadyPaid: number(result.alreadyPaid),
        refused: number(result.failedCount) })),
    result.failures.length ? h('div', { 'data-test': 'import-failures' }, h('h3', {}, t('bank.refusedTitle')),
      h('p', { class: 'muted' }, t('bank.refusedHint')),
      table([
        { label: t('bank.row'), cell: f => String(f.row), class: 'num' },
        { label: t('balances.party'), cell: f => partyName(f.party) },
        { label: t('runs.amount'), cell: f => money(f.amountFen), class: 'num' },
        { label: t('holds.reason'), cell: f => h('span', { 'data-test': 'failure-reason' }, f.reason) },
      ], result.failures)) : null);
}

// ---------- reconciliation ----------

/** The day checkpoints of the last 30 days: each closed day's own check, newest first. */
function closedDays(report) {
  const days = [...(report.days || [])].reverse();
  const heading = h('h2', {}, t('recon.days.title'));
  if (!days.length) {
    return h('div', {}, heading, h('p', { 'data-test': 'days-verdict' }, t('recon.days.none')));
  }
  const verdict = h('p', { class: `verdict ${report.balanced ? 'ok' : 'bad'}`, 'data-test': 'days-verdict' },
    h('strong', {}, t(report.balanced ? 'recon.days.balanced' : 'recon.days.unbalanced', { through: report.checkedThrough })));
  const drift = day => day.unbalancedCauseCount + day.unbalancedEventCount + day.runMismatchCount + (day.claimMismatchCount || 0);
  return h('div', {}, heading, verdict, table([
    { label: t('recon.days.date'), cell: day => day.date },
    { label: t('recon.days.status'), cell: day => badge(day.balanced ? t('recon.days.ok') : t('recon.days.off'), day.balanced ? 'ok' : 'bad') },
    { label: t('recon.count.postings'), cell: day => number(day.postings), class: 'num' },
    { label: t('recon.days.claims'), cell: day => number(day.claimsChecked || 0), class: 'num' },
    { label: t('recon.days.drift'), cell: day => number(drift(day)), class: 'num' },
  ], days), h('p', { class: 'hint' }, t('recon.days.help')));
}


function reconciliation(view) {
  const result = h('section', { class: 'card wide', 'data-test': 'reconciliation' });
  const closed = h('section', { class: 'card wide', 'data-test': 'reconciliation-days' });
  replace(view, h('h1', {}, t('recon.title')), result, closed);
  section(closed, t('recon.days.what'), () => get('/finance/reconciliation/days'), closedDays);
  // a ledger past what one request checks whole answers 409 LEDGER_TOO_LARGE: the closed days are its check
  const whole = () => get('/finance/reconciliation').catch(error => {
    if (error && error.code === 'LEDGER_TOO_LARGE') return { tooLarge: true };
    throw error;
  });
  section(result, t('recon.what'), whole, report => {
    if (report.tooLarge) {
      return h('div', { class: 'notice', 'data-test': 'verdict' }, h('strong', {}, t('recon.tooLarge')),
        h('p', {}, t('recon.tooLargeHelp')));
    }
    const verdict = report.balanced
      ? h('div', { class: 'verdict ok', 'data-test': 'verdict' }, h('strong', {}, t('recon.balanced')),
        h('p', {}, t('recon.balancedHelp')))
      : h('div', { class: 'verdict bad', 'data-test': 'verdict' }, h('strong', {}, t('recon.unbalanced')),
        h('p', {}, t('recon.unbalancedHelp')));
    const counts = ['postings', 'ordersChecked', 'unbalancedOrderCount', 'runsChecked', 'runMismatchCount', 'payeesChecked',
      'cursorMismatchCount'].filter(key => typeof report[key] === 'number')
      .map(key => h('li', {}, h('strong', {}, String(report[key])), ' ', t(`recon.count.${key}`)));
    const byState = report.totalsByState || report.owedToPayeesByState;
    return h('div', {}, verdict,
      // the API's own sentence is English: shown to English readers, the counts below say the same in any language
      report.summary && language === 'en' ? h('p', { class: 'summary' }, report.summary) : null,
      counts.length ? h('ul', { class: 'plain counts' }, counts) : null,
      report.debitsFen !== undefined ? h('p', {}, tn('recon.debitsCredits', { debits: money(report.debitsFen), credits: money(report.creditsFen) })) : null,
      byState ? h('div', {}, h('h2', {}, t('recon.byState')), table([
        { label: t('recon.state'), cell: ([state]) => fieldLabel(state) },
        { label: t('runs.amount'), cell: ([, fen]) => money(fen), class: 'num' },
      ], Object.entries(report.owedToPayeesByState || byState))) : null,
      (report.unbalancedOrders || []).length ? h('div', {}, h('h2', {}, t('recon.unbalancedOrders')), table([
        { label: t('col.order'), cell: o => o.orderId }, { label: t('recon.offBy'), cell: o => money(o.imbalanceFen), class: 'num' },
      ], report.unbalancedOrders)) : null);
  });
}
