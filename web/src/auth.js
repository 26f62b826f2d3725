// Who the browser is: the bearer token, taken once from the URL fragment (#token=...) that
// `straitwatch run` prints, or typed into the login box, and kept in sessionStorage for the tab.

const kTokenKey = 'straitwatch.token';

/// Moves a token in the URL fragment into sessionStorage and removes it from the address bar.
export function adopt_token_from_fragment() {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (!token) return;
  set_token(token);
  fragment.delete('token');
  const rest = fragment.toString();
  const url = window.location.pathname + window.location.search + (rest ? '#' + rest : '');
  window.history.replaceState(null, '', url);
}

/// The stored token, or '' when nobody is logged in.
export function get_token() {
  return window.sessionStorage.getItem(kTokenKey) || '';
}

/// Stores a token for this tab.
export function set_token(token) {
  window.sessionStorage.setItem(kTokenKey, token.trim());
}

/// Forgets the token (log out, or the server said 401).
export function clear_token() {
  window.sessionStorage.removeItem(kTokenKey);
}
