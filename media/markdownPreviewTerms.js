// Clicks on glossary terms in VS Code's Markdown preview. A term links to the extension's URI
// (`<uriScheme>://ml-lens.ml-lens/term?id=…`). Desktop VS Code opens such links from the preview
// itself; a browser-based VS Code whose URI scheme is not `vscode` (code-server, for example)
// refuses them in webviews. So the click is handed to the preview's own link opener instead, as
// the preview does for its relative links: the Markdown extension then opens the URI with
// `vscode.open`, which reaches the extension's URI handler in every build. When that opener is
// not there, the link is left to the default behaviour.
(function () {
  'use strict';
  window.addEventListener(
    'click',
    function (event) {
      var node = event.target;
      while (node && !(node.classList && node.classList.contains('ml-lens-term'))) node = node.parentNode;
      if (!node || node.tagName !== 'A') return;
      var href = node.getAttribute('href') || '';
      if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]+\/term\?id=[a-z0-9-]+$/.test(href)) return;
      var monitor = window.styleLoadingMonitor;
      var poster = monitor && monitor._poster;
      if (!poster || typeof poster.postMessage !== 'function') return;
      event.preventDefault();
      event.stopPropagation();
      poster.postMessage('openLink', { href: href });
    },
    true,
  );
})();
