/* Filters of the listing pages (all papers, a year's, a tag's): narrow them by tag, year,
 * collection and reading status, in the browser, from filters.json (generator/site/filters.py).
 *
 * - Without JavaScript, or until filters.json has loaded, the page is the plain listing.
 * - A filtered view lists its matches from every page of the listing, not just this one.
 * - The choice is kept in the page's query (?tag=...&year=...): a filtered view can be
 *   bookmarked or shared, and comes back with the back button.
 * - Material's instant navigation swaps pages without loading them: `document$` says when.
 * - Seed text goes into the page as text nodes only, never as HTML.
 */
(function () {
  "use strict";

  const SCRIPT = document.currentScript || document.querySelector("script[src$='javascripts/filters.js']");
  const DATA_URL = new URL("../filters.json", SCRIPT.src).href;
  const FORMAT = 1;
  const KINDS = [
    { name: "tag", label: "Tag", any: "Any tag" },
    { name: "year", label: "Year", any: "Any year" },
    { name: "collection", label: "Collection", any: "Any collection" },
    { name: "status", label: "Reading status", any: "Any status" },
  ];
  const TAG_GROUPS = { topic: "Topics", category: "arXiv categories", hand: "Other tags" };
  let catalog = null; // the promise of filters.json, read once for every page of the visit

  function loadCatalog() {
    if (catalog === null) {
      catalog = fetch(DATA_URL)
        .then((response) => {
          if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
          return response.json();
        })
        .then(prepare);
      catalog.catch(() => { catalog = null; }); // a later page may try again
    }
    return catalog;
  }

  /* The rows of filters.json as papers with, for each kind of filter, the values they match. */
  function prepare(raw) {
    if (raw.format !== FORMAT) throw new Error(`filters.json has format ${raw.format}, this script reads ${FORMAT}`);
    const at = Object.fromEntries(raw.fields.map((name, index) => [name, index]));
    const tags = raw.tags.map(([label, value, kind]) => ({ label, value, group: TAG_GROUPS[kind] || "Other tags" }));
    const collections = raw.collections.map(([value, label]) => ({ value, label }));
    const statuses = raw.statuses.map(([value, label]) => ({ value, label }));
    const papers = raw.papers.map((row) => {
      const year = row[at.year] === null ? "unknown" : String(row[at.year]);
      const status = row[at.status];
      return {
        slug: slugOf(row[at.slug], row[at.title], raw.slug_length), title: row[at.title], date: row[at.date], authors: row[at.authors],
        venue: row[at.venue], year,
        values: {
          tag: row[at.tags].map((index) => tags[index].value),
          year: [year],
          collection: row[at.collections].map((index) => collections[index].value),
          status: status === null ? [] : [statuses[status].value],
        },
      };
    });
    const years = [...new Set(papers.map((paper) => paper.year))]
      .sort((a, b) => (a === "unknown") - (b === "unknown") || Number(b) - Number(a))
      .map((year) => ({ value: year, label: year === "unknown" ? "Year unknown" : year }));
    return { paperUrl: raw.paper_url, papers, options: { tag: tags, year: years, collection: collections, status: statuses } };
  }

  /* A row's slug: "" is the title's words, "-<hash>" those words cut to `length` then the hash
   * (generator/site/filters.py, short_slug, writes them only where this gives the slug exactly). */
  function slugOf(stored, title, length) {
    if (stored !== "" && !stored.startsWith("-")) return stored;
    const words = (title.toLowerCase().match(/[a-z0-9]+/g) || []).join("-");
    if (stored === "") return words;
    const cut = words.slice(0, length);
    const at = cut.lastIndexOf("-");
    return (at < 0 ? cut : cut.slice(0, at)) + stored;
  }

  /* The papers a filter box starts from: "all", "tag:<slug>" or "year:<year>". */
  function scopeOf(box) {
    const [kind, value] = box.dataset.scope.split(/:(.*)/s);
    return kind === "tag" || kind === "year" ? { kind, value } : null;
  }

  function start() {
    const box = document.querySelector(".reading-filters[data-scope]");
    if (box === null || box.dataset.state) return;
    box.dataset.state = "loading";
    loadCatalog().then((data) => setUp(box, data), (error) => failed(box, error));
  }

  function failed(box, error) {
    if (!box.isConnected) return;
    box.dataset.state = "failed";
    box.replaceChildren(element("p", { className: "reading-filters__failed" },
      `The filters could not be loaded (filters.json: ${error.message}). The listing below is complete without them.`));
    box.hidden = false;
  }

  function setUp(box, data) {
    if (!box.isConnected) return; // the reader has gone on to another page meanwhile
    const scope = scopeOf(box);
    const view = {
      data,
      scope,
      base: scope ? data.papers.filter((paper) => paper.values[scope.kind].includes(scope.value)) : data.papers,
      selects: {},
      listing: following(box), // the page's own listing: hidden while a filter is on
    };
    view.kinds = KINDS.filter((kind) => offered(view, kind.name).length > 0); // a year's page: no year filter
    if (view.kinds.length === 0) return; // nothing to narrow by: the box stays hidden
    const form = element("form", { className: "reading-filters__form" });
    form.setAttribute("aria-label", "Filter these papers");
    for (const kind of view.kinds) form.append(field(view, kind));
    const clear = element("button", { type: "button", className: "md-button reading-filters__clear" }, "Clear filters");
    form.append(clear);
    view.status = element("p", { className: "reading-filters__status" });
    view.status.setAttribute("role", "status");
    view.status.setAttribute("aria-live", "polite");
    view.results = element("ul", { className: "reading-filters__results", hidden: true });
    box.replaceChildren(form, view.status);
    box.after(view.results);

    readQuery(view);
    update(view, false);
    form.addEventListener("change", () => update(view, true));
    form.addEventListener("submit", (event) => event.preventDefault());
    clear.addEventListener("click", () => {
      for (const select of Object.values(view.selects)) select.value = "";
      update(view, true, "Filters cleared. ");
    });
    box.dataset.state = "ready";
    box.hidden = false;
  }

  function following(box) {
    const elements = [];
    for (let next = box.nextElementSibling; next !== null; next = next.nextElementSibling) elements.push(next);
    return elements;
  }

  /* A labelled <select> for one kind of filter; its options are filled in by `update`. */
  function field(view, kind) {
    const id = `reading-filter-${kind.name}`;
    const wrapper = element("div", { className: "reading-filters__field" });
    const label = element("label", { htmlFor: id }, kind.label);
    const select = element("select", { id, name: kind.name }, labelled(new Option(kind.any, ""), kind.any));
    const groups = {};
    for (const option of offered(view, kind.name)) {
      const item = labelled(new Option(option.label, option.value), option.label);
      if (option.group) {
        groups[option.group] = groups[option.group] || select.appendChild(element("optgroup", { label: option.group }));
        groups[option.group].append(item);
      } else {
        select.append(item);
      }
    }
    view.selects[kind.name] = select;
    wrapper.append(label, select);
    return wrapper;
  }

  /* The options of one kind that some paper of the listing has (the tag of a tag's page left out). */
  function offered(view, name) {
    const present = new Set(view.base.flatMap((paper) => paper.values[name]));
    if (view.scope && view.scope.kind === name) present.delete(view.scope.value);
    return view.data.options[name].filter((option) => present.has(option.value));
  }

  function labelled(option, label) {
    option.dataset.label = label;
    return option;
  }

  function readQuery(view) {
    const query = new URLSearchParams(location.search);
    for (const kind of view.kinds) {
      const select = view.selects[kind.name];
      const wanted = query.get(kind.name);
      if (wanted !== null && [...select.options].some((option) => option.value === wanted)) select.value = wanted;
    }
  }

  function chosen(view) {
    const state = {};
    for (const [name, select] of Object.entries(view.selects)) if (select.value) state[name] = select.value;
    return state;
  }

  /* Whether the paper matches every chosen filter (AND), leaving out the kind `except`. */
  function matches(paper, state, except) {
    return Object.entries(state).every(([name, value]) => name === except || paper.values[name].includes(value));
  }

  function update(view, writeQuery, prefix = "") {
    const state = chosen(view);
    const matching = view.base.filter((paper) => matches(paper, state));
    for (const kind of view.kinds) countOptions(view, kind.name, state);
    const active = Object.keys(state).length > 0;
    for (const node of view.listing) node.hidden = active;
    view.results.hidden = !active;
    if (active) view.results.replaceChildren(lines(view, matching));
    else view.results.replaceChildren();
    view.status.textContent = prefix + summary(view, state, matching.length);
    if (writeQuery) keepInQuery(state);
  }

  /* Each option says how many papers it would leave, given the other filters; none: disabled. */
  function countOptions(view, name, state) {
    const counts = new Map();
    let total = 0;
    for (const paper of view.base) {
      if (!matches(paper, state, name)) continue;
      total += 1;
      for (const value of paper.values[name]) counts.set(value, (counts.get(value) || 0) + 1);
    }
    for (const option of view.selects[name].options) {
      const count = option.value ? counts.get(option.value) || 0 : total;
      option.textContent = `${option.dataset.label} (${count})`;
      option.disabled = count === 0 && !option.selected;
    }
  }

  function summary(view, state, count) {
    const total = view.base.length;
    const names = Object.entries(state).map(([name, value]) => {
      const select = view.selects[name];
      const option = select.options[select.selectedIndex];
      return `${KINDS.find((kind) => kind.name === name).label.toLowerCase()} ${option.dataset.label}`;
    });
    if (names.length === 0) return `All ${total} ${plural(total)} listed. Choose a filter to narrow them.`;
    return `${count} of ${total} ${plural(total)} match ${names.join(" and ")}.`;
  }

  function plural(count) {
    return count === 1 ? "paper" : "papers";
  }

  /* The matches as the listing shows its papers: title (a link), date, authors, venue. */
  function lines(view, papers) {
    const fragment = document.createDocumentFragment();
    for (const paper of papers) {
      const href = new URL(view.data.paperUrl.replace("{slug}", encodeURIComponent(paper.slug)), DATA_URL).href;
      const line = element("li", {}, element("a", { href }, paper.title));
      const details = [paper.date || (paper.year === "unknown" ? "" : paper.year), paper.authors, paper.venue];
      for (const detail of details) if (detail) line.append(` · ${detail}`);
      fragment.append(line);
    }
    return fragment;
  }

  /* The chosen filters in the address (replacing it: back goes to the page before, not the last choice). */
  function keepInQuery(state) {
    const url = new URL(location.href);
    for (const kind of KINDS) {
      if (state[kind.name]) url.searchParams.set(kind.name, state[kind.name]);
      else url.searchParams.delete(kind.name);
    }
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  /* An element with properties set and children appended; strings become text nodes. */
  function element(tag, properties, ...children) {
    const node = Object.assign(document.createElement(tag), properties);
    node.append(...children);
    return node;
  }

  if (window.document$) window.document$.subscribe(start); // after every instant navigation too
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
