// The GMV analytics screen, shared by hosts and brands: a period form, the decomposition the API answers and,
// beside it, the period's daily GMV. Period dates are China Standard Time days, as the API reads them.
import { get } from './api.js';
import { field, h, onSubmit, replace, section } from './ui.js';
import { gmvDaily, gmvDecomposition } from './charts.js';
import { t, todayCst } from './i18n.js';
import { party } from './names.js';

/**
 * @param path     `/analytics/hosts/{id}/gmv` or `/analytics/brands/{id}/gmv`
 * @param introKey the catalogue key saying what the audience is, in the reader's words
 */
export function gmvScreen(view, path, introKey) {
  const result = h('section', { class: 'card wide', 'data-test': 'gmv' });
  const from = h('input', { type: 'date', name: 'from', value: todayCst(-29) });
  const to = h('input', { type: 'date', name: 'to', value: todayCst() });
  const load = (fromValue, toValue) => section(result, t('gmv.what'),
    () => get(path, { from: fromValue, to: toValue }), data => h('div', {},
      h('h2', {}, t('gmv.heading')),
      h('p', { class: 'muted' }, t('gmv.explain'), ' ', t(introKey)),
      data.hosts && data.hosts.length > 1
        ? h('p', { class: 'muted', 'data-test': 'gmv-hosts' }, t('gmv.hosts', { count: data.hosts.length }), ' ',
          data.hosts.flatMap((id, i) => [i ? t('ui.separator') : null, party(id)]))
        : null,
      h('div', { class: 'gmv-layout' }, gmvDecomposition(data),
        h('div', {}, h('h3', {}, t('gmv.daily.heading')), gmvDaily(data.daily)))));
  replace(view, h('h1', {}, t('gmv.title')),
    h('section', { class: 'card wide' }, onSubmit(h('form', { class: 'form inline' },
      field(t('gmv.from'), from, { field: 'from' }), field(t('gmv.to'), to, { field: 'to' }),
      h('button', { type: 'submit', class: 'btn' }, t('gmv.show'))), async data => load(data.get('from'), data.get('to')))),
    result);
  load(from.value, to.value);
}
