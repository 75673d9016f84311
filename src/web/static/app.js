// Progressive enhancement only: every page works without this file.
(() => {
  'use strict';

  // "/" focuses the search box, as on many search sites; not while typing in a field.
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t instanceof HTMLElement && t.isContentEditable)) return;
    const box = document.querySelector('input[name="q"]');
    if (box instanceof HTMLInputElement) {
      e.preventDefault();
      box.focus();
      box.select();
    }
  });

  // "Order" applies as soon as it changes; without this script the Search button does it.
  const sort = document.getElementById('sort');
  if (sort instanceof HTMLSelectElement && sort.form) sort.addEventListener('change', () => sort.form.requestSubmit());

  // Filter boxes over long tables (ministers, portfolios): shown only when this script runs.
  for (const wrap of document.querySelectorAll('[data-filter-for]')) {
    const table = document.getElementById(wrap.getAttribute('data-filter-for') || '');
    const input = wrap.querySelector('input');
    if (!table || !(input instanceof HTMLInputElement)) continue;
    wrap.hidden = false;
    const rows = Array.from(table.querySelectorAll('tbody tr'));
    const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const keys = rows.map((r) => fold(r.textContent || ''));
    const status = document.createElement('p');
    status.className = 'filter-status';
    status.setAttribute('role', 'status');
    wrap.append(status);
    input.addEventListener('input', () => {
      const q = fold(input.value.trim());
      let shown = 0;
      rows.forEach((r, i) => {
        const hit = !q || keys[i].includes(q);
        r.hidden = !hit;
        if (hit) shown++;
      });
      status.textContent = q ? `${shown} shown` : '';
    });
  }
})();
