// Short messages at the bottom of the screen (action results, errors), gone after a few seconds.
import { by_id, el } from '../dom.js';

/// Shows a message; kind 'error' stays longer and is red.
export function toast(text, kind = 'info') {
  const box = by_id('toasts');
  const item = el('div', { class: `toast toast-${kind}`, 'data-testid': 'toast', role: 'status' }, text);
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}
