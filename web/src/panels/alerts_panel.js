// The alert list: most severe and newest first, each with acknowledge / hand over / close
// and search-area buttons; a click on an alert focuses the map on it. Items are kept by id
// and only redrawn when their revision or state changes, so a click is never lost to a redraw.
import { api_get } from '../api.js';
import { by_id, el } from '../dom.js';
import { clock_text } from '../time_format.js';
import { compare_alerts, kAlertKindNames } from '../alert_actions.js';

/// Renders the picture's alerts into #alert-list and calls back on the operator's choices.
export class AlertsPanel {
  /// `actions`: {focus(alert), acknowledge(alert), hand_over(alert), close(alert), search(alert)}.
  constructor(picture, actions) {
    this.picture = picture;
    this.actions = actions;
    this.list = by_id('alert-list');
    this.filter = by_id('alert-filter');
    this.count = by_id('alert-count');
    this.items = new Map();
    this.focused_id = null;
    this.can_act = true;
    this.filter.addEventListener('change', () => {
      this.render();
      if (this.filter.value === 'all') this.#load_closed();
    });
    picture.addEventListener('alerts', () => this.render());
  }

  /// Enables or disables the action buttons (the principal's roles).
  set_can_act(can_act) {
    this.can_act = can_act;
    for (const id of this.items.keys()) this.items.delete(id);
    this.list.replaceChildren();
    this.render();
  }

  /// Marks one alert as the focused one.
  set_focused(id) {
    this.focused_id = id;
    for (const [item_id, item] of this.items) item.element.classList.toggle('focused', item_id === id);
  }

  /// Brings the list in step with the picture.
  render() {
    const show_all = this.filter.value === 'all';
    const alerts = [...this.picture.alerts.values()].filter((alert) => show_all || alert.state !== 'closed').sort(compare_alerts);
    const open = [...this.picture.alerts.values()].filter((alert) => alert.state === 'open').length;
    this.count.textContent = `${open} open`;
    const wanted = new Set(alerts.map((alert) => alert.id));
    for (const [id, item] of this.items) {
      if (!wanted.has(id)) {
        item.element.remove();
        this.items.delete(id);
      }
    }
    let previous = null;
    for (const alert of alerts) {
      let item = this.items.get(alert.id);
      const version = `${alert.revision}|${alert.state}|${alert.severity}`;
      if (!item || item.version !== version) {
        const element = this.#element(alert);
        if (item) item.element.replaceWith(element);
        item = { element, version };
        this.items.set(alert.id, item);
      }
      const expected = previous ? previous.nextSibling : this.list.firstChild;
      if (expected !== item.element) {
        if (previous) previous.after(item.element);
        else this.list.prepend(item.element);
      }
      previous = item.element;
    }
    this.list.classList.toggle('empty', alerts.length === 0);
  }

  /// The stream carries only open alerts in its snapshots: closed ones come from the REST list.
  async #load_closed() {
    try {
      const answer = await api_get('api/alerts', { state: 'all' });
      this.picture.put_alerts(answer?.alerts || []);
    } catch (error) {
      this.count.textContent += ` (closed alerts not loaded: ${error.message})`;
    }
  }

  #element(alert) {
    const id = alert.id;
    const kind = kAlertKindNames[alert.kind] || alert.kind;
    const details = Object.entries(alert.details || {})
      .slice(0, 4)
      .map(([key, value]) => `${key.replace(/_/g, ' ')}: ${value}`)
      .join(' · ');
    const subjects = (alert.subjects || []).map((subject) => `#${subject}`).join(', ');
    // A partner's alert is acted on at its own node: here it can only be searched for.
    const partner = Boolean(alert.node);
    const handled = alert.state !== 'open' || partner;
    const closed = alert.state === 'closed' || partner;
    const button = (label, testid, handler, disabled) =>
      el(
        'button',
        {
          type: 'button',
          'data-testid': `${testid}-${id}`,
          disabled: disabled || !this.can_act,
          title: this.can_act ? undefined : 'Your role may not act on alerts',
          onclick: (event) => {
            event.stopPropagation();
            handler(alert);
          },
        },
        label,
      );
    const element = el(
      'li',
      {
        class: `alert severity-${alert.severity} state-${alert.state}${this.focused_id === id ? ' focused' : ''}`,
        'data-testid': `alert-${id}`,
        'data-alert-id': id,
        'data-state': alert.state,
        'data-severity': alert.severity,
        'data-kind': alert.kind,
        tabindex: 0,
        onclick: () => this.actions.focus(alert),
        onkeydown: (event) => {
          if (event.key === 'Enter') this.actions.focus(alert);
        },
      },
      el(
        'div',
        { class: 'alert-head' },
        el('span', { class: 'badge' }, alert.severity),
        el('span', { class: 'alert-kind' }, kind),
        el('span', { class: 'alert-id' }, `#${id}`),
        el('span', { class: 'alert-state', 'data-testid': `alert-state-${id}` }, alert.state.replace('_', ' ')),
      ),
      el(
        'div',
        { class: 'alert-body' },
        el('div', {}, `Raised ${clock_text(alert.raised_at)}`, alert.event_time ? ` · due ${clock_text(alert.event_time)}` : '', subjects ? ` · tracks ${subjects}` : ''),
        partner ? el('div', { 'data-testid': `alert-node-${id}` }, `Shared by partner node ${alert.node}`) : null,
        alert.region ? el('div', {}, `Region ${alert.region}`) : null,
        (alert.addressed_to || []).length ? el('div', {}, `To ${alert.addressed_to.join(', ')}`) : null,
        details ? el('div', { class: 'alert-details' }, details) : null,
      ),
      el(
        'div',
        { class: 'alert-actions' },
        button('Acknowledge', 'alert-ack', this.actions.acknowledge, handled),
        button('Hand over', 'alert-handover', this.actions.hand_over, closed),
        button('Close', 'alert-close', this.actions.close, closed),
        button('Search area', 'alert-search', this.actions.search, alert.state === 'closed'),
      ),
    );
    return element;
  }
}
