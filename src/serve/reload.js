// minhbach serve: reloads the page after each rebuild, and shows build errors over the page
// while the last good site keeps being served. Injected by the development server only;
// never written to the output.
(function () {
  'use strict';
  var me = document.currentScript;
  var loaded = me ? Number(new URL(me.src, location.href).searchParams.get('build') || 0) : 0;
  var overlay = null;

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function render(errors, build) {
    hide();
    overlay = document.createElement('div');
    overlay.setAttribute('role', 'alert');
    overlay.id = 'minhbach-build-errors';
    var s = overlay.style;
    s.position = 'fixed';
    s.left = '0';
    s.right = '0';
    s.top = '0';
    s.maxHeight = '70vh';
    s.overflow = 'auto';
    s.zIndex = '2147483647';
    s.background = '#2b0b0e';
    s.color = '#fff';
    s.borderBottom = '4px solid #e5484d';
    s.padding = '1rem 1.25rem';
    s.font = '14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
    s.boxShadow = '0 4px 24px rgba(0, 0, 0, .5)';

    var head = document.createElement('p');
    head.style.margin = '0 0 .5rem';
    head.style.fontWeight = 'bold';
    head.textContent = 'Build failed (' + errors.length + ' error' + (errors.length === 1 ? '' : 's') + '): ' +
      (build ? 'the last good version of the site is shown.' : 'the site could not be built yet.') +
      ' Fix the file and save: the page reloads by itself.';
    overlay.appendChild(head);

    var list = document.createElement('pre');
    list.style.margin = '0';
    list.style.whiteSpace = 'pre-wrap';
    list.style.font = 'inherit';
    list.textContent = errors.join('\n');
    overlay.appendChild(list);

    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Close';
    close.style.marginTop = '.75rem';
    close.addEventListener('click', hide);
    overlay.appendChild(close);

    (document.body || document.documentElement).appendChild(overlay);
  }

  function apply(status) {
    if (status.build !== loaded) {
      location.reload();
    } else if (status.ok) {
      hide();
    } else {
      render(status.errors || [], status.build);
    }
  }

  function poll() {
    fetch('/__minhbach/status', { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(apply)
      .catch(function () {})
      .then(function () { setTimeout(poll, 1000); });
  }

  if (window.EventSource) {
    var events = new EventSource('/__minhbach/events');
    events.onmessage = function (e) {
      apply(JSON.parse(e.data));
    };
  } else {
    poll();
  }
})();
