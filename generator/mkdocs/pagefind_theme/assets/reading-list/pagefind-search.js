/*
 * Pagefind's search panel behind the header's search button.
 *
 * Pagefind UI (pagefind/pagefind-ui.js, written by Pagefind into the site) is loaded once the page
 * is idle, or at once when the reader opens the panel first; keys typed before it is ready are
 * kept and searched for. Pagefind then fetches only the index chunks a query needs. Every URL is derived from this script's own address, so the search works under
 * any site_url or subpath, offline, and with Material's instant navigation on or off (the header
 * and this panel survive instant navigation; a followed result closes the panel).
 */
(() => {
  "use strict";

  const dialog = document.getElementById("__pagefind_search");
  const button = document.querySelector(".pagefind-search__open");
  if (!dialog || !button) return;
  const target = dialog.querySelector(".pagefind-search__ui");
  const status = dialog.querySelector(".pagefind-search__status");
  const siteRoot = new URL("../../", document.currentScript.src); // this file is assets/reading-list/
  const bundle = new URL("pagefind/", siteRoot);
  let loading = null;
  let pending = ""; // what the reader typed before Pagefind UI was there

  /* Adds a stylesheet or script of the Pagefind bundle; resolves once it has loaded. */
  function load(tag, attributes) {
    return new Promise((resolve, reject) => {
      const element = Object.assign(document.createElement(tag), attributes);
      element.addEventListener("load", resolve);
      element.addEventListener("error", () => reject(new Error(`cannot load ${attributes.href || attributes.src}`)));
      document.head.appendChild(element);
    });
  }

  /* Pagefind UI, created once: its CSS and script, then the widget in the panel. */
  function startUi() {
    loading ??= Promise.all([
      load("link", { rel: "stylesheet", href: new URL("pagefind-ui.css", bundle).href }),
      load("script", { src: new URL("pagefind-ui.js", bundle).href }),
    ]).then(() => new window.PagefindUI({
      element: target,
      bundlePath: bundle.pathname,
      showImages: false,
      showSubResults: false,
      resetStyles: true,
      autofocus: true,
      translations: { placeholder: "Search papers: title, author, tag, abstract, citation key" },
    })).then((ui) => {
      status.hidden = true;
      return ui;
    }).catch((error) => {
      status.textContent = "Search is not available: the search index of this site was not found.";
      status.hidden = false;
      loading = null;
      throw error;
    });
    return loading;
  }

  /* Reopened: the last query selected, so typing starts a new search and Enter keeps it. */
  function selectQuery() {
    const input = target.querySelector("input");
    if (input) input.select();
  }

  /* First opened: what was typed while Pagefind UI loaded goes into its field, and is searched. */
  function takePending() {
    const input = target.querySelector("input");
    if (!input || !dialog.open) return;
    input.focus();
    if (pending) {
      input.value = pending;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      pending = "";
    }
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    if (target.querySelector("input")) selectQuery();
    else startUi().then(takePending, () => {});
  }

  /* True while the reader types somewhere: "/" and "s" then belong to that field. */
  function typing(element) {
    return element instanceof HTMLElement &&
      (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  button.addEventListener("click", open);

  /* Keys typed into the open panel before Pagefind UI's field exists. */
  dialog.addEventListener("keydown", (event) => {
    if (target.querySelector("input") || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length === 1) pending += event.key;
    else if (event.key === "Backspace") pending = pending.slice(0, -1);
  });

  if ("requestIdleCallback" in window) window.requestIdleCallback(() => startUi().catch(() => {}));
  else window.setTimeout(() => startUi().catch(() => {}), 200);

  document.addEventListener("keydown", (event) => {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "/" || event.key === "s" || event.key === "S") {
      event.preventDefault();
      open();
    }
  });

  /* A click on the backdrop (the dialog element itself, outside its inner box) or on a result closes the panel. */
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog || event.target.closest("a[href]")) dialog.close();
  });
})();
