// Applications to a product's targeted plan and sample requests (docs/samples.md). On a product, a host applies to the
// plan (with a message) and asks for a sample (with an address); "My applications" and "My samples" say where each
// stands, the deadline that runs now and what happens when it passes, the open requests its tier allows, and the
// address as the host reads it (masked). A brand has two review queues, each request beside the host's record
// (samples sold and not sold within the promise, trust): approve, reject with a reason, ship with a tracking number.
import { get, post } from './api.js';
import { formatBps, formatFen, parsePercent } from './money.js';
import { Pager, badge, empty, field, h, money, onSubmit, rate, refuse, replace, section, table, toast, when } from './ui.js';
import { categoryName, trustText } from './brand.js';
import { has, number, t, tn } from './i18n.js';
import { party } from './names.js';

export const APPLICATION_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'];
export const SAMPLE_STATUSES = ['REQUESTED', 'APPROVED', 'SHIPPED', 'RECEIVED', 'FULFILLED', 'UNFULFILLED', 'REJECTED',
  'EXPIRED'];
const KIND = { PENDING: 'info', REQUESTED: 'info', APPROVED: 'ok', SHIPPED: 'info', RECEIVED: 'info', FULFILLED: 'ok',
  REJECTED: 'bad', UNFULFILLED: 'bad', EXPIRED: 'warn' };
const PAGE = 20;

const named = (prefix, code) => (has(`${prefix}.${code}`) ? t(`${prefix}.${code}`) : code);
const path = id => encodeURIComponent(id);

function statusBadge(prefix, status) {
  return h('span', { 'data-test': 'status', 'data-status': status }, badge(named(prefix, status), KIND[status]));
}

/** The product a request is about: its title when the answer carries one, its id always (a link on the host's side). */
function productCell(item, linked) {
  const title = item.productTitle || item.title;
  const id = h('code', { 'data-test': 'product-id' }, item.productId);
  return h('div', {}, title ? h('strong', {}, title) : null, title ? h('br') : null,
    linked ? h('a', { href: `#/host/products/${path(item.productId)}` }, id) : id);
}

/** The host's record a brand reads before it decides: samples sold and not sold within the promise, and trust. */
function hostRecord(record) {
  if (!record) return h('p', { class: 'muted small' }, t('review.noRecord'));
  return h('p', { class: 'record', 'data-test': 'host-record' }, tn('review.record', {
    fulfilled: h('strong', { 'data-test': 'record-fulfilled' }, number(record.samplesFulfilled)),
    unfulfilled: h('strong', { 'data-test': 'record-unfulfilled' }, number(record.samplesUnfulfilled)),
    trust: h('strong', { 'data-test': 'record-trust' }, trustText(record.trust)),
  }));
}

/** The deadline running now and what it is for ("ship by", "sell by", …); a closed request has none. */
function deadline(item) {
  if (!item.deadline) return h('span', { class: 'muted', 'data-test': 'deadline' }, t('samples.noDeadline'));
  return h('div', { 'data-test': 'deadline', 'data-kind': item.deadlineKind || '' },
    h('span', { 'data-test': 'deadline-kind' }, named('samples.deadline', item.deadlineKind)), h('br'),
    h('span', { 'data-test': 'deadline-at' }, when(item.deadline)));
}

function shipment(item) {
  if (!item.carrier && !item.trackingNumber) return h('span', { class: 'muted' }, '—');
  return h('div', { 'data-test': 'shipment' },
    h('span', { 'data-test': 'carrier' }, item.carrier), ' ', h('code', { 'data-test': 'tracking' }, item.trackingNumber),
    item.shippedAt ? h('div', { class: 'muted small' }, t('samples.shippedAt', { at: when(item.shippedAt) })) : null);
}

function address(value) {
  const a = value || {};
  return h('div', { class: 'address', 'data-test': 'address' },
    h('span', { 'data-test': 'address-name' }, a.name), ' ', h('span', { 'data-test': 'address-phone' }, a.phone), h('br'),
    h('span', { 'data-test': 'address-line' }, a.line));
}

/** What happened besides the deadline: the brand's reason, the receipt, the order that kept the promise. */
function outcome(item) {
  const notes = [];
  if (item.reason) notes.push(h('div', { 'data-test': 'reason' }, t('samples.reason', { reason: item.reason })));
  if (item.receivedAt) {
    notes.push(h('div', { class: 'muted small', 'data-test': 'received' },
      t(item.receivedBy === 'AUTO' ? 'samples.receivedAuto' : 'samples.received', { at: when(item.receivedAt) })));
  }
  if (item.orderId) notes.push(h('div', { 'data-test': 'fulfilled-by' }, tn('samples.fulfilledBy', { order: h('code', {}, item.orderId) })));
  else if (item.fulfilledAt) notes.push(h('div', {}, t('samples.fulfilledAt', { at: when(item.fulfilledAt) })));
  return notes.length ? notes : h('span', { class: 'muted' }, '—');
}

// ---------- the host: a product, its plan and a sample ----------

/**
 * Whether the product runs a targeted plan, as far as a host can tell: a host reads only its own targeted rate, so
 * unless the answer says so (rateSchedule.targetedPlan) it is not known (null) and the API's refusal will say.
 */
function runsTargetedPlan(product) {
  const schedule = product.rateSchedule || {};
  if (typeof schedule.targetedPlan === 'boolean') return schedule.targetedPlan;
  return (schedule.targeted || []).length ? true : null;
}

export function hostProduct(view, hostId, productId) {
  const head = h('section', { class: 'card wide', 'data-test': 'host-product' });
  const apply = h('section', { class: 'card', 'data-test': 'apply' });
  const sample = h('section', { class: 'card', 'data-test': 'request-sample' });
  replace(view, h('p', {}, h('a', { href: '#/host' }, t('hostProduct.back'))), head, h('div', { class: 'grid-2' }, apply, sample));
  section(head, t('hostProduct.what'), () => get(`/products/${path(productId)}`), product => {
    replace(apply, applyPanel(product, hostId));
    replace(sample, samplePanel(product, hostId));
    const schedule = product.rateSchedule || {};
    return h('div', {},
      h('h1', {}, product.title, ' ', badge(named('status', product.status), product.status === 'ACTIVE' ? 'ok' : 'warn')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('role.brand')), h('dd', {}, party(product.brandId)),
        h('dt', {}, t('col.category')), h('dd', {}, categoryName(product.category)),
        h('dt', {}, t('col.price')), h('dd', {}, money(product.priceFen)),
        h('dt', {}, t('col.openRate')), h('dd', {}, rate(schedule.openRateBps)),
        schedule.yourRateBps !== undefined ? [h('dt', {}, t('col.youEarn')), h('dd', { 'data-test': 'your-rate' }, rate(schedule.yourRateBps))] : null,
        h('dt', {}, t('product.id')), h('dd', {}, h('code', {}, product.productId))));
  });
}

function applyPanel(product, hostId) {
  const mine = ((product.rateSchedule || {}).targeted || []).find(entry => entry.hostId === hostId);
  const title = h('h2', {}, t('apply.title'));
  if (mine) {
    return h('div', {}, title, h('p', { 'data-test': 'already-targeted' }, tn('apply.onPlan', { rate: h('strong', {}, formatBps(mine.rateBps)) })));
  }
  if (runsTargetedPlan(product) === false) {
    return h('div', {}, title, h('p', { class: 'muted', 'data-test': 'no-targeted-plan' }, t('apply.noPlan')));
  }
  const done = h('div', {});
  const form = onSubmit(h('form', { class: 'form', novalidate: true, 'data-test': 'apply-form' },
    field(t('apply.message'), h('textarea', { name: 'message', rows: 3, maxlength: 500 }), { field: 'message', hint: t('apply.messageHint') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn', 'data-test': 'apply-submit' }, t('apply.submit')))), async data => {
    const applied = await post(`/products/${path(product.productId)}/applications`, { hostId, message: String(data.get('message')).trim() });
    toast(t('apply.sent'));
    form.hidden = true;
    replace(done, h('p', { class: 'notice', 'data-test': 'applied' }, t('apply.sentDetail', { at: when(applied.reviewDeadline) }), ' ',
      h('a', { href: '#/host/applications' }, t('nav.host.applications'))));
  });
  return h('div', {}, title, h('p', { class: 'muted' }, t('apply.explain')), form, done);
}

function samplePanel(product, hostId) {
  const done = h('div', {});
  const input = (name, attrs) => h('input', { name, autocomplete: 'off', ...attrs });
  const form = onSubmit(h('form', { class: 'form', novalidate: true, 'data-test': 'sample-form' },
    field(t('samples.form.name'), input('name', { autocomplete: 'name', maxlength: 50 }), { field: 'address.name' }),
    field(t('samples.form.phone'), input('phone', { inputmode: 'tel', autocomplete: 'tel', placeholder: '138…', maxlength: 20 }),
      { field: 'address.phone' }),
    field(t('samples.form.line'), input('line', { autocomplete: 'street-address', maxlength: 200 }),
      { field: 'address.line', hint: t('samples.form.lineHint') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn', 'data-test': 'sample-submit' }, t('samples.form.submit')))), async data => {
    const text = name => String(data.get(name) || '').trim();
    for (const name of ['name', 'phone', 'line']) {
      if (!text(name)) throw refuse(`address.${name}`, t('samples.form.required'));
    }
    const requested = await post(`/products/${path(product.productId)}/samples`,
      { hostId, address: { name: text('name'), phone: text('phone'), line: text('line') } });
    toast(t('samples.form.sent'));
    form.hidden = true;
    replace(done, h('p', { class: 'notice', 'data-test': 'sample-requested' },
      t('samples.form.sentDetail', { at: when(requested.deadline) }), ' ', h('a', { href: '#/host/samples' }, t('nav.host.samples'))));
  });
  return h('div', {}, h('h2', {}, t('samples.form.title')), h('p', { class: 'muted' }, t('samples.form.explain')), form, done);
}

// ---------- the host: my applications, my samples ----------

export function hostApplications(view, hostId) {
  const list = h('section', { class: 'card wide', 'data-test': 'applications' });
  const pager = new Pager(() => load());
  replace(view, h('h1', {}, t('applications.title.host')), h('p', { class: 'muted' }, t('applications.explain.host')), list);
  const load = () => section(list, t('applications.what'),
    () => get(`/hosts/${path(hostId)}/applications`, { limit: PAGE, next: pager.current }), page => {
      pager.seen(page.next);
      if (!page.items.length && pager.page === 1) return empty(t('applications.empty.host'), t('applications.emptyHint.host'));
      return h('div', {}, table([
        { label: t('col.product'), cell: a => productCell(a, true) },
        { label: t('col.status'), cell: a => statusBadge('applications.status', a.status) },
        { label: t('applications.col.message'), cell: a => a.message || h('span', { class: 'muted' }, '—') },
        { label: t('applications.col.applied'), cell: a => when(a.createdAt) },
        { label: t('applications.col.deadline'), cell: a => a.status === 'PENDING'
          ? h('span', { 'data-test': 'review-deadline' }, when(a.reviewDeadline))
          : h('span', { class: 'muted' }, a.decidedAt ? t('applications.decidedAt', { at: when(a.decidedAt) }) : '—') },
        { label: t('applications.col.outcome'), cell: applicationOutcome },
      ], page.items, { rowAttrs: a => ({ 'data-test': 'application', 'data-id': a.applicationId, 'data-product': a.productId }) }),
      pager.controls(t('applications.title.host')));
    });
  load();
}

function applicationOutcome(a) {
  const notes = [];
  if (a.status === 'APPROVED' && a.rateBps !== undefined) notes.push(h('div', {}, tn('applications.approvedAt', { rate: rate(a.rateBps) })));
  if (a.reason) notes.push(h('div', { 'data-test': 'reason' }, t('samples.reason', { reason: a.reason })));
  if (a.reapplyAfter) notes.push(h('div', { class: 'muted small' }, t('applications.reapplyAfter', { at: when(a.reapplyAfter) })));
  if (a.status === 'EXPIRED') notes.push(h('div', { class: 'muted small' }, t('applications.expiredHint')));
  return notes.length ? notes : h('span', { class: 'muted' }, '—');
}

function quotaLine(quota) {
  if (!quota) return null;
  return h('div', { class: 'notice', 'data-test': 'quota' },
    h('p', {}, tn('samples.quota', {
      tier: h('strong', { 'data-test': 'quota-tier' }, String(quota.tier)),
      open: h('strong', { 'data-test': 'quota-open' }, number(quota.open)),
      cap: h('strong', { 'data-test': 'quota-cap' }, number(quota.cap)),
    })),
    h('p', { class: 'muted small' }, t('samples.quotaGmv', { gmv: formatFen(quota.gmv30dFen) }),
      quota.tierCap !== undefined && quota.tierCap !== quota.cap ? [' ', t('samples.quotaLowered', { tierCap: number(quota.tierCap) })] : null));
}

export function hostSamples(view, hostId) {
  const list = h('section', { class: 'card wide', 'data-test': 'samples' });
  const pager = new Pager(() => load());
  replace(view, h('h1', {}, t('samples.title.host')), h('p', { class: 'muted' }, t('samples.explain.host')), list);
  const load = () => section(list, t('samples.what'),
    () => get(`/hosts/${path(hostId)}/samples`, { limit: PAGE, next: pager.current }), page => {
      pager.seen(page.next);
      const rows = !page.items.length && pager.page === 1 ? empty(t('samples.empty.host'), t('samples.emptyHint.host')) : [table([
        { label: t('col.product'), cell: s => productCell(s, true) },
        { label: t('col.status'), cell: s => statusBadge('samples.status', s.status) },
        { label: t('samples.col.deadline'), cell: deadline },
        { label: t('samples.col.shipment'), cell: shipment },
        { label: t('samples.col.address'), cell: s => address(s.address) },
        { label: t('samples.col.outcome'), cell: outcome },
        { label: '', cell: s => s.status === 'SHIPPED' ? receiveButton(s, load) : null },
      ], page.items, { rowAttrs: s => ({ 'data-test': 'sample', 'data-id': s.requestId, 'data-product': s.productId }) }),
      pager.controls(t('samples.title.host'))];
      return h('div', {}, quotaLine(page.quota), rows);
    });
  load();
}

function receiveButton(sample, reload) {
  const button = h('button', { type: 'button', class: 'btn small', 'data-test': 'receive', onclick: async () => {
    button.disabled = true;
    try {
      await post(`/samples/${path(sample.requestId)}/receive`);
      toast(t('samples.receivedToast'));
      reload();
    } catch (error) {
      button.disabled = false;
      toast(error.message, 'error');
    }
  } }, t('samples.receive'));
  return button;
}

// ---------- the brand: the two review queues ----------

/** A queue by status (the API's default first), page by page, one card per request. */
function queue(view, { title, explain, statuses, prefix, what, emptyKey, load: fetchPage, card }) {
  const status = h('select', { name: 'status', 'data-test': 'status-filter' },
    statuses.map(s => h('option', { value: s }, named(prefix, s))));
  const list = h('section', { class: 'card wide', 'data-test': 'queue' });
  const pager = new Pager(() => load());
  status.addEventListener('change', () => {
    pager.tokens = [null];
    pager.next = null;
    load();
  });
  replace(view, h('h1', {}, title), h('p', { class: 'muted' }, explain),
    h('section', { class: 'card wide' }, h('form', { class: 'form inline queue-filter', onsubmit: event => event.preventDefault() },
      field(t('review.status'), status, { field: 'status' }))), list);
  const load = () => section(list, what, () => fetchPage(status.value, pager.current), page => {
    pager.seen(page.next);
    if (!page.items.length && pager.page === 1) {
      return empty(t(emptyKey, { status: named(prefix, status.value) }), t('review.emptyHint'));
    }
    return h('div', {}, h('div', { class: 'stack' }, page.items.map(item => card(item, load))), pager.controls(title));
  });
  load();
}

export function brandApplications(view, brandId) {
  queue(view, { title: t('applications.title.brand'), explain: t('applications.explain.brand'), statuses: APPLICATION_STATUSES,
    prefix: 'applications.status', what: t('applications.what'), emptyKey: 'review.emptyApplications',
    load: (status, next) => get(`/brands/${path(brandId)}/applications`, { status, limit: PAGE, next }), card: applicationCard });
}

export function brandSamples(view, brandId) {
  queue(view, { title: t('samples.title.brand'), explain: t('samples.explain.brand'), statuses: SAMPLE_STATUSES,
    prefix: 'samples.status', what: t('samples.what'), emptyKey: 'review.emptySamples',
    load: (status, next) => get(`/brands/${path(brandId)}/samples`, { status, limit: PAGE, next }), card: sampleCard });
}

/** One decision button: what it sends is read when clicked; a refusal shows next to the field it names. */
function decision(form, label, test, kind, act) {
  return h('button', { type: 'button', class: `btn ${kind}`.trim(), 'data-test': test, onclick: async event => {
    const button = event.currentTarget;
    form.querySelectorAll('.field-error, .form-error').forEach(el => el.remove());
    button.disabled = true;
    try {
      await act();
    } catch (error) {
      const target = error.field ? form.querySelector(`[data-field="${CSS.escape(error.field)}"]`) : null;
      const message = h('p', { class: 'field-error', role: 'alert' }, error.message, error.code ? h('code', {}, ` ${error.code}`) : null);
      if (target) target.closest('.field').append(message);
      else form.append(h('div', { class: 'notice error form-error', role: 'alert' }, message));
    } finally {
      if (button.isConnected) button.disabled = false;
    }
  } }, label);
}

function reasonField(form) {
  const input = h('input', { name: 'reason', maxlength: 500, autocomplete: 'off', placeholder: t('review.reasonPlaceholder') });
  form.append(field(t('review.reason'), input, { field: 'reason' }));
  return () => {
    const reason = input.value.trim();
    if (!reason) throw refuse('reason', t('review.reasonRequired'));
    return reason;
  };
}

function cardHead(item, prefix) {
  return h('div', { class: 'match-head' }, h('h3', {}, party(item.hostId, 'span', { 'data-test': 'host' })), statusBadge(prefix, item.status));
}

function applicationCard(a, reload) {
  const form = h('form', { class: 'form inline', onsubmit: event => event.preventDefault() });
  if (a.status === 'PENDING') {
    const rateInput = h('input', { name: 'rate', inputmode: 'decimal', placeholder: '25', autocomplete: 'off' });
    form.append(field(t('review.rate'), rateInput, { field: 'rateBps', hint: t('review.rateHint') }),
      decision(form, t('review.approve'), 'approve', '', async () => {
        const text = rateInput.value.trim();
        const body = {};
        if (text) {
          body.rateBps = parsePercent(text);
          if (body.rateBps === null) throw refuse('rateBps', t('refuse.rate', { example: 25 }));
        }
        await post(`/applications/${path(a.applicationId)}/approve`, body);
        toast(t('review.approved'));
        reload();
      }));
    const reason = reasonField(form);
    form.append(decision(form, t('review.reject'), 'reject', 'danger', async () => {
      await post(`/applications/${path(a.applicationId)}/reject`, { reason: reason() });
      toast(t('review.rejected'));
      reload();
    }));
  }
  return h('article', { class: 'card', 'data-test': 'application', 'data-id': a.applicationId, 'data-status': a.status },
    cardHead(a, 'applications.status'),
    h('dl', { class: 'facts' },
      h('dt', {}, t('col.product')), h('dd', {}, productCell(a, false)),
      h('dt', {}, t('applications.col.message')), h('dd', { 'data-test': 'message' }, a.message || '—'),
      h('dt', {}, t('applications.col.applied')), h('dd', {}, when(a.createdAt)),
      a.status === 'PENDING' ? [h('dt', {}, t('applications.col.deadline')), h('dd', { 'data-test': 'review-deadline' }, when(a.reviewDeadline))]
        : [h('dt', {}, t('applications.col.outcome')), h('dd', {}, applicationOutcome(a))]),
    h('h4', {}, t('review.recordTitle')), hostRecord(a.hostRecord),
    form.children.length ? form : null);
}

function sampleCard(s, reload) {
  const form = h('form', { class: 'form inline', onsubmit: event => event.preventDefault() });
  if (s.status === 'REQUESTED') {
    form.append(decision(form, t('review.approve'), 'approve', '', async () => {
      await post(`/samples/${path(s.requestId)}/approve`);
      toast(t('review.sampleApproved'));
      reload();
    }));
    const reason = reasonField(form);
    form.append(decision(form, t('review.reject'), 'reject', 'danger', async () => {
      await post(`/samples/${path(s.requestId)}/reject`, { reason: reason() });
      toast(t('review.rejected'));
      reload();
    }));
  } else if (s.status === 'APPROVED') {
    const carrier = h('input', { name: 'carrier', autocomplete: 'off', maxlength: 50, placeholder: t('review.carrierPlaceholder') });
    const tracking = h('input', { name: 'trackingNumber', autocomplete: 'off', maxlength: 50 });
    form.append(field(t('review.carrier'), carrier, { field: 'carrier' }),
      field(t('review.tracking'), tracking, { field: 'trackingNumber' }),
      decision(form, t('review.ship'), 'ship', '', async () => {
        if (!carrier.value.trim()) throw refuse('carrier', t('review.shipRequired'));
        if (!tracking.value.trim()) throw refuse('trackingNumber', t('review.shipRequired'));
        await post(`/samples/${path(s.requestId)}/ship`, { carrier: carrier.value.trim(), trackingNumber: tracking.value.trim() });
        toast(t('review.shipped'));
        reload();
      }));
  }
  return h('article', { class: 'card', 'data-test': 'sample', 'data-id': s.requestId, 'data-status': s.status },
    cardHead(s, 'samples.status'),
    h('dl', { class: 'facts' },
      h('dt', {}, t('col.product')), h('dd', {}, productCell(s, false)),
      h('dt', {}, t('samples.col.requested')), h('dd', {}, when(s.requestedAt)),
      h('dt', {}, t('samples.col.deadline')), h('dd', {}, deadline(s)),
      h('dt', {}, t('samples.col.shipTo')), h('dd', {}, address(s.address)),
      h('dt', {}, t('samples.col.shipment')), h('dd', {}, shipment(s)),
      h('dt', {}, t('samples.col.outcome')), h('dd', {}, outcome(s))),
    h('h4', {}, t('review.recordTitle')), hostRecord(s.hostRecord),
    form.children.length ? form : null);
}
