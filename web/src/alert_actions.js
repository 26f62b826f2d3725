// Operator actions on alerts through the REST API; the answered alert goes straight into
// the picture (the stream confirms it shortly after).
import { api } from './api.js';

/// Kinds of alert as operators read them.
export const kAlertKindNames = {
  collision: 'Collision risk',
  drifting: 'Drifting boat',
  lane_crossing: 'Lane crossing',
  sar_handover: 'SAR handover',
  distress: 'Distress',
};

/// Severity rank, least to most urgent.
export const kSeverityRank = { info: 0, warning: 1, urgent: 2, critical: 3 };

/// Roles allowed to act on alerts and request search areas.
export const kActingRoles = ['watch_officer', 'sar_coordinator', 'admin'];

/// POST /api/alerts/{id}/acknowledge.
export function acknowledge_alert(picture, alert, note) {
  return post_action(picture, alert, 'acknowledge', note ? { note } : {});
}

/// POST /api/alerts/{id}/hand-over to a rescue centre.
export function hand_over_alert(picture, alert, to) {
  return post_action(picture, alert, 'hand-over', { to });
}

/// POST /api/alerts/{id}/close with a reason.
export function close_alert(picture, alert, reason) {
  return post_action(picture, alert, 'close', { reason });
}

async function post_action(picture, alert, action, body) {
  const answer = await api(`api/alerts/${alert.id}/${action}`, { method: 'POST', body });
  const updated = answer?.alert && typeof answer.alert === 'object' ? answer.alert : answer;
  if (updated && updated.id === alert.id) picture.put_alerts([updated]);
  return updated;
}

/// Orders alerts: active before closed, most severe first, then newest raised first.
export function compare_alerts(a, b) {
  const closed = (alert) => (alert.state === 'closed' ? 1 : 0);
  if (closed(a) !== closed(b)) return closed(a) - closed(b);
  const severity = (kSeverityRank[b.severity] ?? -1) - (kSeverityRank[a.severity] ?? -1);
  if (severity !== 0) return severity;
  const raised = (alert) => alert.raised_at?.ns ?? Date.parse(alert.raised_at?.utc || alert.raised_at || 0) * 1e6;
  const newest = raised(b) - raised(a);
  return newest !== 0 ? Math.sign(newest) : b.id - a.id;
}
