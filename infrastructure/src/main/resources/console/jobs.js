// Operator screen: the background jobs, each on its own schedule and work queue: what is due and how long the
// oldest due item has waited (against the age at which its alarm fires), its last run, what it did and what failed.
import { get } from './api.js';
import { badge, empty, h, replace, section, table, when } from './ui.js';
import { has, number, t } from './i18n.js';

const HEALTH = { IDLE: 'ok', WORKING: 'info', BEHIND: 'warn', FAILING: 'warn', NEVER_RUN: 'info' };

export function jobs(view) {
  const list = h('section', { class: 'card wide', 'data-test': 'jobs' });
  const refresh = h('button', { type: 'button', class: 'btn ghost', 'data-test': 'refresh-jobs', onclick: () => load() },
    t('jobs.refresh'));
  replace(view, h('h1', {}, t('jobs.title')), h('p', { class: 'muted' }, t('jobs.explain')), h('p', {}, refresh), list);
  const load = () => section(list, t('jobs.what'), () => get('/ops/jobs'), page => render(page.jobs || []));
  load();
}

const duration = seconds => seconds >= 3600 ? t('jobs.hours', { count: number(Math.round(seconds / 360) / 10) })
  : seconds >= 60 ? t('jobs.minutes', { count: number(Math.round(seconds / 6) / 10) })
    : t('jobs.seconds', { count: number(seconds) });

function render(jobs) {
  if (!jobs.length) return empty(t('jobs.none'), '');
  return table([
    { label: t('jobs.job'), cell: job => [h('strong', { 'data-test': 'job-name' }, job.name), h('br'),
      h('span', { class: 'muted small' }, has(`job.${job.name}`) ? t(`job.${job.name}`) : job.about)] },
    { label: t('jobs.health'), cell: job => h('span', { 'data-test': 'job-health', 'data-health': job.health },
      badge(t(`jobs.health.${job.health}`), HEALTH[job.health] || 'info')) },
    { label: t('jobs.backlog'), cell: job => h('span', { 'data-test': 'job-backlog' },
      job.backlog.due === 0 ? t('jobs.nothingDue')
        : [t(job.backlog.atLeast ? 'jobs.dueAtLeast' : 'jobs.due', { count: number(job.backlog.due) }), h('br'),
          h('span', { class: 'muted small', 'data-late': job.backlog.oldestDueAgeSeconds > job.backlog.alarmAgeSeconds },
            t('jobs.oldest', { age: duration(job.backlog.oldestDueAgeSeconds),
              alarm: duration(job.backlog.alarmAgeSeconds) }))]) },
    { label: t('jobs.lastRun'), cell: job => job.lastRunAt
      ? [when(job.lastRunAt), h('br'), h('span', { class: 'muted small' },
        t('jobs.lastRunItems', { count: number(job.lastRunItems), total: number(job.itemsDone) }))]
      : t('jobs.notYet') },
    { label: t('jobs.failures'), cell: job => h('span', { 'data-test': 'job-failures' }, number(job.failures),
      job.lastError ? [h('br'), h('span', { class: 'muted small' }, when(job.lastErrorAt), ' — ', job.lastError)] : '') },
    { label: t('jobs.shards'), cell: job => t('jobs.shardsInFlight', { inFlight: number(job.shardsInFlight),
      shards: number(job.shards), concurrency: number(job.maxConcurrency) }) },
    { label: t('jobs.schedule'), cell: job => t('jobs.every', { period: duration(job.periodSeconds),
      budget: duration(job.budgetSeconds) }) },
  ], jobs, { caption: t('jobs.title') });
}
