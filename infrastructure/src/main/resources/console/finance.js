// Finance screens: balances by party, settlement runs (draft for a cutoff, review lines page by page,
// approve, record payment references), statements as CSV and the reconciliation in plain words.
import config from './config.js';
import { dev, get, post } from './api.js';
import { formatFen } from './money.js';
import { recall, remember } from './session.js';
import { Pager, badge, empty, field, fieldLabel, h, money, onSubmit, problem, refuse, replace, section, table, toast, when } from './ui.js';
import { balanceSection, statementForm } from './earnings.js';
import { fromCstInput, has, language, nowCstInput, t, tc, tn } from './i18n.js';
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

function rememberRun(run) {
  const runs = recall('runs', []).filter(r => r.runId !== run.runId);
  runs.unshift({ runId: run.runId, cutoff: run.cutoff, status: run.status, totalFen: run.totalFen });
  remember('runs', runs.slice(0, 20));
}

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
    rememberRun(created);
    toast(t('runs.drafted', { runId: created.runId, total: formatFen(created.totalFen) }));
    ctx.go(`#/finance/runs/${created.runId}`);
  });
  const open = onSubmit(h('form', { class: 'form inline' },
    field(t('runs.runId'), h('input', { name: 'runId', required: true, placeholder: 'run_…', autocomplete: 'off' }), { field: 'runId' }),
    h('button', { type: 'submit', class: 'btn ghost' }, t('runs.open'))), async data => ctx.go(`#/finance/runs/${String(data.get('runId')).trim()}`));
  const recent = recall('runs', []);
  replace(view, h('h1', {}, t('runs.title')),
    h('section', { class: 'card wide' }, h('h2', {}, t('runs.draftTitle')),
      h('p', { class: 'muted' }, t('runs.explain')), draft),
    h('section', { class: 'card wide' }, h('h2', {}, t('runs.recent')),
      recent.length ? table([
        { label: t('runs.run'), cell: r => h('a', { href: `#/finance/runs/${r.runId}` }, r.runId) },
        { label: t('runs.cutoff'), cell: r => when(r.cutoff) },
        { label: t('runs.total'), cell: r => money(r.totalFen), class: 'num' },
        { label: t('runs.statusLastSeen'), cell: r => statusBadge(r.status) },
      ], recent) : empty(t('runs.none'), t('runs.noneHint')),
      open));
}

function newKey() {
  return `console-${crypto.randomUUID ? crypto.randomUUID() : Date.now() + '-' + Math.random().toString(36).slice(2)}`;
}

function statusBadge(status) {
  const text = has(`status.${status}`) ? t(`status.${status}`) : status;
  return h('span', { 'data-status': status }, badge(text, { BUILDING: 'warn', DRAFT: 'warn', APPROVED: 'info', PAID: 'ok', CANCELLED: '' }[status] || ''));
}

const isPaid = line => line.status === 'PAID' || Boolean(line.paymentRef);
const isReleased = line => line.status === 'RELEASED';

function run(view, runId, ctx) {
  const summary = h('section', { class: 'card wide', 'data-test': 'run' });
  const lines = h('section', { class: 'card wide', 'data-test': 'run-lines' });
  const pager = new Pager(() => load());
  let building = null;
  replace(view, h('p', {}, h('a', { href: '#/finance/runs' }, t('runs.back'))), summary, lines);
  const load = async () => {
    replace(lines);
    try {
      const data = await get(`/finance/settlement-runs/${runId}`, { limit: 20, next: pager.current });
      pager.seen(data.next);
      rememberRun(data);
      const seen = new Set(recall('seenParties', []));
      data.lines.forEach(line => seen.add(line.party));
      remember('seenParties', [...seen].slice(-200));
      replace(summary, runSummary(data, load));
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
    { label: t('col.status'), cell: l => badge(l.status ? (has(`status.${l.status}`) ? t(`status.${l.status}`) : l.status) : '—', isPaid(l) ? 'ok' : '') },
    { label: t('runs.paymentRef'), cell: l => {
      if (isPaid(l)) return l.paymentRef || t('status.PAID');
      if (isReleased(l)) return h('span', { class: 'muted' }, t('runs.releasedToNext'));
      if (!payable) return h('span', { class: 'muted' }, data.status === 'DRAFT' ? t('runs.afterApproval') : '—');
      const input = h('input', { name: `ref-${l.lineId}`, 'data-line': l.lineId, 'data-field': 'payments', autocomplete: 'off',
        placeholder: t('runs.bankRef'), maxlength: 64, 'aria-label': t('runs.paymentRefFor', { party: l.party }) });
      refs.set(l.lineId, input);
      return input;
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

// ---------- reconciliation ----------

function reconciliation(view) {
  const result = h('section', { class: 'card wide', 'data-test': 'reconciliation' });
  replace(view, h('h1', {}, t('recon.title')), result);
  section(result, t('recon.what'), () => get('/finance/reconciliation'), report => {
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
