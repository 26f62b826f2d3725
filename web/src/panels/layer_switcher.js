// Check boxes that show or hide the map's layers.
import { by_id, el } from '../dom.js';

/// Adds one check box per layer (those with a 'title' property) to #layer-list.
export function layer_switcher(layers) {
  const list = by_id('layer-list');
  for (const layer of layers) {
    const title = layer.get('title');
    if (!title) continue;
    const id = `layer-${layer.get('name')}`;
    const box = el('input', { type: 'checkbox', id, 'data-testid': id });
    box.checked = layer.getVisible();
    box.addEventListener('change', () => layer.setVisible(box.checked));
    list.append(el('li', {}, box, el('label', { for: id }, title)));
  }
}
