// The login box: shown when no token is stored or the server refused it; a token pasted
// here is checked against GET /api/health before the map starts.
import { by_id } from '../dom.js';

/// Shows the box and resolves with the token the user typed.
export function ask_for_token(message = '') {
  const box = by_id('login');
  const form = by_id('login-form');
  const input = by_id('login-token');
  const error = by_id('login-error');
  error.textContent = message;
  box.hidden = false;
  input.value = '';
  input.focus();
  return new Promise((resolve) => {
    const submit = (event) => {
      event.preventDefault();
      const token = input.value.trim();
      if (!token) return;
      form.removeEventListener('submit', submit);
      box.hidden = true;
      resolve(token);
    };
    form.addEventListener('submit', submit);
  });
}
