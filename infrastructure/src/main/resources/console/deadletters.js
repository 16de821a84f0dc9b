// Operator screen: the order events in the dead-letter queue, each with why it is there, and a redrive
// of one or of all back to the order-events queue (an event that already applied writes nothing).
import { get, post } from './api.js';
import { badge, empty, h, replace, section, table, toast, when } from './ui.js';

const LIMITS = [20, 50, 100];

export function deadLetters(view) {
  const list = h('section', { class: 'card wide', 'data-test': 'dead-letters' });
  const limit = h('select', { name: 'limit', 'data-test': 'limit', onchange: () => load() },
    LIMITS.map(n => h('option', { value: n }, `up to ${n}`)));
  replace(view, h('h1', {}, 'Dead letters'),
    h('p', { class: 'muted' }, 'Order events that could not be applied after five deliveries. A valid event (an outage, '
      + 'a bug since fixed) applies once redriven; an event that already applied writes nothing. A poison message does '
      + 'not parse and comes back here if redriven.'),
    h('p', {}, h('label', {}, 'Show ', limit)), list);
  const load = () => section(list, 'the dead letters', () => get('/ops/dead-letters', { limit: limit.value }),
    page => render(page, load));
  load();
}

function render(page, reload) {
  const letters = page.deadLetters || [];
  const running = (page.redrives || []).find(task => task.status === 'RUNNING');
  const redriveAll = h('button', { type: 'button', class: 'btn', 'data-test': 'redrive-all', disabled: !!running,
    onclick: async () => {
      redriveAll.disabled = true;
      try {
        await post('/ops/dead-letters/redrive', { all: true });
        toast('Redrive of all dead letters started.');
        reload();
      } catch (error) {
        redriveAll.disabled = false;
        toast(error.message, 'error');
      }
    } }, 'Redrive all');
  const summary = h('p', { 'data-test': 'dead-letter-count' },
    `About ${page.approximateCount} message${page.approximateCount === 1 ? '' : 's'} in the dead-letter queue`,
    page.approximateInFlight ? ` (${page.approximateInFlight} being moved or read)` : '',
    letters.length < page.approximateCount ? `; showing ${letters.length}, in no particular order.` : '.');
  const tasks = (page.redrives || []).slice(0, 3).map(task => h('p', { class: 'muted small', 'data-test': 'redrive-task' },
    'Redrive of all ', badge(task.status, task.status === 'FAILED' ? 'warn' : task.status === 'COMPLETED' ? 'ok' : 'info'),
    ` ${task.moved}${task.toMove !== null ? ` of ${task.toMove}` : ''} moved`,
    task.startedAt ? `, started ${when(task.startedAt)}` : '', task.failureReason ? ` — ${task.failureReason}` : ''));
  if (!letters.length) {
    return h('div', {}, summary, tasks,
      empty('No dead letters.', 'Order events land here after their last failed delivery.'));
  }
  return h('div', {}, h('div', { class: 'match-head' }, summary, redriveAll), tasks,
    table([
      { label: 'Kind', cell: l => badge(l.kind === 'POISON' ? 'poison' : 'valid', l.kind === 'POISON' ? 'warn' : 'info') },
      { label: 'Event', cell: l => l.eventId ? [h('strong', {}, l.type), ' ', h('code', {}, l.eventId),
        l.orderId ? [h('br'), 'order ', h('code', {}, l.orderId)] : null] : h('code', {}, l.messageId) },
      { label: 'Reason', cell: l => h('span', { 'data-test': 'reason' }, l.reason) },
      { label: 'Sent', cell: l => l.sentAt ? when(l.sentAt) : '' },
      { label: '', cell: l => redriveOne(l, reload) },
    ], letters.map(l => l), { caption: 'Dead letters' }));
}

function redriveOne(letter, reload) {
  const button = h('button', { type: 'button', class: 'btn ghost', 'data-test': 'redrive', 'data-message': letter.messageId,
    onclick: async () => {
      button.disabled = true;
      try {
        await post('/ops/dead-letters/redrive', { messageId: letter.messageId });
        toast(`Redriven ${letter.eventId || letter.messageId}.`);
        reload();
      } catch (error) {
        button.disabled = false;
        toast(error.message, 'error');
      }
    } }, 'Redrive');
  return button;
}
