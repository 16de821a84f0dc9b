// The GMV analytics screen, shared by hosts and brands: a period form and the decomposition the API answers.
import { get } from './api.js';
import { field, h, onSubmit, replace, section } from './ui.js';
import { gmvDecomposition } from './charts.js';

/**
 * @param path  `/analytics/hosts/{id}/gmv` or `/analytics/brands/{id}/gmv`
 * @param intro what the audience is, in the reader's words
 */
export function gmvScreen(view, path, intro) {
  const result = h('section', { class: 'card wide', 'data-test': 'gmv' });
  const iso = d => d.toISOString().slice(0, 10);
  const from = h('input', { type: 'date', name: 'from', value: iso(new Date(Date.now() - 29 * 24 * 3600 * 1000)) });
  const to = h('input', { type: 'date', name: 'to', value: iso(new Date()) });
  const load = (fromValue, toValue) => section(result, 'the GMV decomposition',
    () => get(path, { from: fromValue, to: toValue }), data => h('div', {},
      h('h2', {}, 'How the GMV is made'),
      h('p', { class: 'muted' }, 'Viewers × watch hours per viewer × first orders per watch hour × average order value × '
        + 'repurchase frequency: the exact factors multiply back to the GMV (paid net of refunds; cancelled and held '
        + 'orders left out). ' + intro),
      data.hosts && data.hosts.length > 1
        ? h('p', { class: 'muted', 'data-test': 'gmv-hosts' }, `Audience of ${data.hosts.length} hosts: ${data.hosts.join(', ')}`)
        : null,
      gmvDecomposition(data)));
  replace(view, h('h1', {}, 'GMV'),
    h('section', { class: 'card wide' }, onSubmit(h('form', { class: 'form inline' },
      field('From', from, { field: 'from' }), field('To (inclusive)', to, { field: 'to' }),
      h('button', { type: 'submit', class: 'btn' }, 'Show')), async data => load(data.get('from'), data.get('to')))),
    result);
  load(from.value, to.value);
}
