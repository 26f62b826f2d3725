// Small DOM helpers: build elements without innerHTML (server text is never parsed as HTML).

/// An element with attributes ('class', 'dataset', 'on*' handlers, others as attributes) and children.
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/// The element with this id (throws if the page lacks it: a programming error).
export function by_id(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element;
}

/// A definition list row pair for a details table.
export function field_row(label, value, field) {
  return [el('dt', {}, label), el('dd', { 'data-field': field }, value === undefined || value === '' ? '—' : value)];
}
