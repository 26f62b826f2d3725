// A new critical alert (or one escalated to critical) flashes a banner over the map and
// beeps; clicking the banner focuses the alert and silences the banner.
import { by_id } from '../dom.js';
import { beep } from '../audio.js';
import { kAlertKindNames } from '../alert_actions.js';

/// Watches the picture's alerts for new critical ones.
export class CriticalAlarm {
  constructor(picture, on_focus) {
    this.picture = picture;
    this.banner = by_id('critical-banner');
    this.text = by_id('critical-text');
    this.current = null;
    this.count = 0;
    this.banner.addEventListener('click', () => {
      if (this.current) on_focus(this.current);
      this.hide();
    });
    picture.addEventListener('alerts', (event) => {
      if (this.current && (event.detail.withdrawn || []).includes(this.current.id)) this.hide();
      this.#on_alerts(event.detail.changed);
    });
  }

  /// Hides the banner.
  hide() {
    this.banner.hidden = true;
    this.banner.classList.remove('flashing');
    this.current = null;
  }

  #on_alerts(changes) {
    let newest = null;
    for (const { alert, previous } of changes) {
      if (this.current && this.current.id === alert.id && alert.state !== 'open') this.hide();
      if (alert.severity !== 'critical' || alert.state !== 'open') continue;
      const is_new = !previous || previous.severity !== 'critical' || (alert.raises ?? 0) > (previous.raises ?? 0) || previous.state !== 'open';
      if (is_new) newest = alert;
    }
    if (!newest) return;
    this.count += 1;
    this.current = newest;
    const kind = kAlertKindNames[newest.kind] || newest.kind;
    this.text.textContent = `CRITICAL #${newest.id}: ${kind}${newest.region ? ' — ' + newest.region : ''}`;
    this.banner.dataset.alertId = String(newest.id);
    this.banner.hidden = false;
    this.banner.classList.remove('flashing');
    void this.banner.offsetWidth;
    this.banner.classList.add('flashing');
    beep();
  }
}
