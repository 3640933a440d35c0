// Permalinks and citations, enhanced: a "copy link" button beside the ¶ link a reader
// points at or tabs to, "copy" buttons on citations, and citation URLs shown absolute when
// the site was built without a base URL. Without JavaScript the ¶ links and citations
// still work; this file only adds copying.
(function () {
  "use strict";
  // The words come from the site's translation file, through data attributes on <body>.
  var data = document.body.dataset;
  var words = { copyLink: data.copyLink, copyCitation: data.copyCitation, copied: data.copied };

  // A polite live region tells screen-reader users that the copy happened.
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  function copy(text) {
    var done = function () {
      status.textContent = "";
      status.textContent = words.copied;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text, done); });
    } else {
      fallback(text, done);
    }
  }

  function fallback(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    try {
      if (document.execCommand("copy")) done();
    } finally {
      area.remove();
    }
  }

  function absolute(href) {
    return new URL(href, location.href).href;
  }

  // Citation URLs: absolute, so a copied citation works anywhere.
  document.querySelectorAll("a.cite-url").forEach(function (a) {
    if (!/^[a-z]+:\/\//i.test(a.textContent)) a.textContent = absolute(a.getAttribute("href"));
  });

  // One "copy link" button, moved next to the ¶ link in use, so the page gains one tab stop.
  var button = document.createElement("button");
  button.type = "button";
  button.className = "copy-link";
  button.textContent = words.copyLink;
  var current = null;
  button.addEventListener("click", function () {
    if (current) copy(absolute(current.getAttribute("href")));
  });
  function attach(link) {
    if (current === link) return;
    current = link;
    link.after(button);
  }
  var links = document.querySelectorAll("a.permalink");
  links.forEach(function (link) {
    link.addEventListener("focus", function () { attach(link); });
    link.parentElement.addEventListener("mouseenter", function () { attach(link); });
  });

  // A copy button after each citation.
  document.querySelectorAll(".cite p.citation").forEach(function (p) {
    var copyButton = document.createElement("button");
    copyButton.type = "button";
    copyButton.className = "copy-citation";
    copyButton.textContent = words.copyCitation;
    copyButton.addEventListener("click", function () { copy(p.textContent.trim()); });
    p.after(copyButton);
  });
})();
