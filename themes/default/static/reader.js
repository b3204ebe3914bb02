/* Reader tools of the minhbach default theme: text size, high contrast, print.
   Loaded with `defer`; without JavaScript the tools stay hidden and nothing else changes. */
(function () {
  'use strict';
  var root = document.documentElement;
  var SIZES = ['ts-s', '', 'ts-l', 'ts-xl', 'ts-xxl']; // index 1 is the default size
  var NORMAL = 1;
  function get(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }
  function set(k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }

  var size = parseInt(get('mb-text-size'), 10);
  if (!(size >= 0 && size < SIZES.length)) size = NORMAL;
  var contrast = get('mb-contrast') === '1';

  function apply() {
    SIZES.forEach(function (c) { if (c) root.classList.remove(c); });
    if (SIZES[size]) root.classList.add(SIZES[size]);
    root.classList.toggle('high-contrast', contrast);
    document.querySelectorAll('[data-contrast-toggle]').forEach(function (b) {
      b.setAttribute('aria-pressed', contrast ? 'true' : 'false');
    });
  }

  document.addEventListener('click', function (ev) {
    var t = ev.target.closest ? ev.target.closest('[data-text-size],[data-contrast-toggle],[data-print]') : null;
    if (!t) return;
    if (t.hasAttribute('data-print')) { window.print(); return; }
    if (t.hasAttribute('data-contrast-toggle')) {
      contrast = !contrast;
      set('mb-contrast', contrast ? '1' : '0');
    } else {
      var a = t.getAttribute('data-text-size');
      size = a === 'smaller' ? Math.max(0, size - 1) : a === 'larger' ? Math.min(SIZES.length - 1, size + 1) : NORMAL;
      set('mb-text-size', String(size));
    }
    apply();
  });

  apply();
  document.querySelectorAll('[data-reader-tools]').forEach(function (el) { el.hidden = false; });

  // Browsers that cannot style a closed <details> open on wide screens get it opened here.
  if (!(window.CSS && CSS.supports && CSS.supports('selector(::details-content)')) && window.matchMedia('(min-width: 48em)').matches) {
    document.querySelectorAll('details.nav-disclosure, details.facets-disclosure').forEach(function (d) { d.open = true; });
  }
})();
