// Operator screen: the order events in the dead-letter queue, each with why it is there, and a redrive
// of one or of all back to the order-events queue (an event that already applied writes nothing).
import { get, post } from './api.js';
import { badge, empty, h, replace, section, table, toast, when } from './ui.js';
import { has, number, t, tc } from './i18n.js';

const LIMITS = [20, 50, 100];

export function deadLetters(view) {
  const list = h('section', { class: 'card wide', 'data-test': 'dead-letters' });
  const limit = h('select', { name: 'limit', 'data-test': 'limit', onchange: () => load() },
    LIMITS.map(n => h('option', { value: n }, t('deadLetters.upTo', { count: number(n) }))));
  replace(view, h('h1', {}, t('deadLetters.title')),
    h('p', { class: 'muted' }, t('deadLetters.explain')),
    h('p', {}, h('label', {}, t('deadLetters.show'), ' ', limit)), list);
  const load = () => section(list, t('deadLetters.what'), () => get('/ops/dead-letters', { limit: limit.value }),
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
        toast(t('deadLetters.redriveAllStarted'));
        reload();
      } catch (error) {
        redriveAll.disabled = false;
        toast(error.message, 'error');
      }
    } }, t('deadLetters.redriveAll'));
  const summary = h('p', { 'data-test': 'dead-letter-count' },
    tc('deadLetters.count', page.approximateCount),
    page.approximateInFlight ? t('deadLetters.inFlight', { count: number(page.approximateInFlight) }) : '',
    letters.length < page.approximateCount ? t('deadLetters.showing', { count: number(letters.length) }) : t('deadLetters.end'));
  const tasks = (page.redrives || []).slice(0, 3).map(task => h('p', { class: 'muted small', 'data-test': 'redrive-task' },
    t('deadLetters.task'), ' ', badge(has(`status.${task.status}`) ? t(`status.${task.status}`) : task.status,
      task.status === 'FAILED' ? 'warn' : task.status === 'COMPLETED' ? 'ok' : 'info'),
    ' ', task.toMove !== null ? t('deadLetters.movedOf', { moved: number(task.moved), total: number(task.toMove) })
      : t('deadLetters.moved', { moved: number(task.moved) }),
    task.startedAt ? t('deadLetters.started', { at: when(task.startedAt) }) : '', task.failureReason ? ` — ${task.failureReason}` : ''));
  if (!letters.length) {
    return h('div', {}, summary, tasks,
      empty(t('deadLetters.none'), t('deadLetters.noneHint')));
  }
  return h('div', {}, h('div', { class: 'match-head' }, summary, redriveAll), tasks,
    table([
      { label: t('col.kind'), cell: l => badge(l.kind === 'POISON' ? t('deadLetters.poison') : t('deadLetters.valid'), l.kind === 'POISON' ? 'warn' : 'info') },
      { label: t('deadLetters.event'), cell: l => l.eventId ? [h('strong', {}, l.type), ' ', h('code', {}, l.eventId),
        l.orderId ? [h('br'), t('col.order'), ' ', h('code', {}, l.orderId)] : null] : h('code', {}, l.messageId) },
      { label: t('holds.reason'), cell: l => h('span', { 'data-test': 'reason' }, l.reason) },
      { label: t('deadLetters.sent'), cell: l => l.sentAt ? when(l.sentAt) : '' },
      { label: '', cell: l => redriveOne(l, reload) },
    ], letters.map(l => l), { caption: t('deadLetters.title') }));
}

function redriveOne(letter, reload) {
  const button = h('button', { type: 'button', class: 'btn ghost', 'data-test': 'redrive', 'data-message': letter.messageId,
    onclick: async () => {
      button.disabled = true;
      try {
        await post('/ops/dead-letters/redrive', { messageId: letter.messageId });
        toast(t('deadLetters.redriven', { id: letter.eventId || letter.messageId }));
        reload();
      } catch (error) {
        button.disabled = false;
        toast(error.message, 'error');
      }
    } }, t('deadLetters.redrive'));
  return button;
}
