// The land-use field of the parcel form: a text box that filters the ~160 classes of the shipped code
// list (《用地用海分类指南》) by code, name or level-1 class as one types ("0101", "水田", "耕地"), and a
// list to pick from with the mouse or the keys (↑ ↓ Enter, Escape). The chosen code is what the form
// sends, in a hidden input named like the field.
import { t, tv } from './i18n.js';
import { escapeHtml } from './util.js';

let pickers = 0;

/**
 * The picker for a list of {code, name, l1Name} and the current code; a label element whose text
 * names the field. The returned element holds the hidden input {name}.
 */
export function landusePicker(name, list, value) {
  const id = 'landuse-picker-' + ++pickers;
  const box = document.createElement('div');
  box.className = 'landuse-picker';
  box.innerHTML = '<label for="' + id + '"><span>' + escapeHtml(t(name)) + '</span></label>'
    + '<input type="text" id="' + id + '" role="combobox" aria-autocomplete="list" aria-expanded="false"'
    + ' aria-controls="' + id + '-list" autocomplete="off" placeholder="' + escapeHtml(t('landusePickerHint')) + '">'
    + '<input type="hidden" name="' + escapeHtml(name) + '">'
    + '<ul class="landuse-options" role="listbox" id="' + id + '-list" hidden></ul>';
  const text = box.querySelector('input[type=text]');
  const hidden = box.querySelector('input[type=hidden]');
  const options = box.querySelector('ul');
  let shown = [];
  let active = -1;

  const label = (c) => c.code + ' ' + c.name + ' · ' + tv(c.l1Name);
  const choose = (c) => {
    hidden.value = c ? c.code : '';
    text.value = c ? label(c) : '';
    close();
  };
  const close = () => {
    options.hidden = true;
    text.setAttribute('aria-expanded', 'false');
    text.removeAttribute('aria-activedescendant');
  };
  const highlight = (i) => {
    active = i;
    options.querySelectorAll('li').forEach((li, n) => li.setAttribute('aria-selected', String(n === i)));
    const li = options.children[i];
    if (li) {
      text.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView({ block: 'nearest' });
    }
  };
  const filter = () => {
    const words = text.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    // A label as shown (a choice already made) lists everything, so the list is there to change it.
    const asShown = list.some((c) => label(c) === text.value);
    shown = asShown ? list : list.filter((c) => {
      const haystack = [c.code, c.name, c.l1Name, tv(c.l1Name)].join(' ').toLowerCase();
      return words.every((w) => haystack.includes(w));
    });
    options.innerHTML = shown.length
      ? shown.map((c, i) => '<li role="option" id="' + id + '-' + i + '" data-code="' + escapeHtml(c.code) + '" aria-selected="false">'
        + '<span class="landuse-code">' + escapeHtml(c.code) + '</span> <span class="landuse-name">' + escapeHtml(c.name)
        + '</span> <span class="landuse-class">' + escapeHtml(tv(c.l1Name)) + '</span></li>').join('')
      : '<li class="landuse-none">' + escapeHtml(t('noResults')) + '</li>';
    options.hidden = false;
    // The whole list in view: in the phone's bottom sheet the box is often at the sheet's lower edge.
    options.scrollIntoView({ block: 'nearest' });
    text.setAttribute('aria-expanded', 'true');
    highlight(shown.length ? 0 : -1);
  };

  text.addEventListener('input', filter);
  text.addEventListener('focus', () => text.select());
  text.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (options.hidden) filter();
      else if (shown.length) highlight((active + (e.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length);
    } else if (e.key === 'Enter' && !options.hidden) {
      // Picks the highlighted class instead of submitting the form.
      e.preventDefault();
      if (shown[active]) choose(shown[active]);
    } else if (e.key === 'Escape' && !options.hidden) {
      e.stopPropagation();
      choose(list.find((c) => c.code === hidden.value));
    }
  });
  // Mouse down, not click: the text box's blur would close the list before a click lands.
  options.addEventListener('mousedown', (e) => {
    e.preventDefault();
    const li = e.target.closest('li[data-code]');
    if (li) choose(list.find((c) => c.code === li.dataset.code));
  });
  // Leaving the box keeps the last class picked; typed text that picked nothing is dropped.
  text.addEventListener('blur', () => choose(list.find((c) => c.code === hidden.value)));
  choose(list.find((c) => c.code === value));
  return box;
}
