// A small modal asking for one text value (the centre to hand over to, why an alert is
// closed), with suggestions; resolves to the text, or null when cancelled.
import { by_id, el } from '../dom.js';

/// Opens the dialog; `suggestions` fill a datalist under the input.
export function ask_text({ title, label, value = '', suggestions = [], confirm = 'OK' }) {
  const dialog = by_id('action-dialog');
  const input = el('input', {
    id: 'action-dialog-input',
    'data-testid': 'action-dialog-input',
    list: 'action-dialog-suggestions',
    autocomplete: 'off',
    required: true,
  });
  input.value = value;
  const options = el('datalist', { id: 'action-dialog-suggestions' }, [...new Set(suggestions)].map((text) => el('option', { value: text })));
  const cancel = el('button', { type: 'button', 'data-testid': 'action-dialog-cancel' }, 'Cancel');
  const ok = el('button', { type: 'submit', class: 'primary', 'data-testid': 'action-dialog-ok' }, confirm);
  const form = el(
    'form',
    { method: 'dialog' },
    el('h3', {}, title),
    el('label', { for: 'action-dialog-input' }, label),
    input,
    options,
    el('div', { class: 'dialog-buttons' }, cancel, ok),
  );
  dialog.replaceChildren(form);
  return new Promise((resolve) => {
    let answered = false;
    const finish = (result) => {
      if (answered) return;
      answered = true;
      if (dialog.open) dialog.close();
      resolve(result);
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (text) finish(text);
    });
    cancel.addEventListener('click', () => finish(null));
    dialog.addEventListener('close', () => finish(null), { once: true });
    dialog.showModal();
    input.select();
  });
}
