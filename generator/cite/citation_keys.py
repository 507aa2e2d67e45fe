"""Citation keys: readable, unique across the list, and stable as the list grows.

The rule
--------
1. A key a user chose (the key of their own .bib entry) is kept.
2. Every other paper gets Google Scholar's pattern: the first author's surname, the year and the
   first significant title word, in lowercase ASCII: "Shortcut learning in deep neural networks"
   by Geirhos et al., 2020 -> `geirhos2020shortcut`. An organisation as author gives its first
   word (`gemini2023gemini`); with no author names, the submitting organisation's first word, else
   `anon`. Accents are spelled out (Łukasz -> `lukasz`); stop words ("a", "the", "on", ...) are
   skipped.
3. Papers that would share a key ("twins") are ordered by seniority: earliest publication
   date first (a year alone counts as its last day), then arXiv id, DOI, title and slug. The
   eldest keeps the plain key. Each younger twin extends its own key with its next significant
   title words (`li2022dataset` -> `li2022datasetdistillation`), up to three more words; if that
   is still taken, it takes the plain key plus a hash of its own slug (`li2022dataset-3e53`).
   Claims go in rounds: first every paper's first choice (user keys before generated ones),
   then every remaining paper's second choice, and so on, so an extension never takes a key
   that is some other paper's first choice.

Why this and not the obvious rule
---------------------------------
Every candidate a paper tries depends only on the paper itself, never on its position in a seed
or on the other papers, so a key can change only when a twin appears or disappears. The earlier
rule suffixed every twin with a hash as soon as a second one appeared, so adding a paper renamed
the key an author had already cited. Here, adding a paper never changes the key of a paper
published before it, nor of any paper it does not collide with; since reading lists grow with
newer papers, keys already cited stay put. No stateless rule can do better: if two papers would
both be `li2022dataset` when alone, one of them must change when the other is added. Removing the
eldest twin gives the plain key to the next one. To pin a key for good, keep the paper in a .bib
seed with the key you want (rule 1); the .bib entry merges with the paper from other seeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.cite.bibtex_names import ascii_word, family_word
from generator.enrich.identity import arxiv_key, doi_key, normalise_title, short_hash
from generator.model import Paper

STOP_WORDS = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "towards", "toward", "via",
              "from", "by", "at", "is", "are", "do", "does", "what", "how", "when", "why", "not", "all",
              "into", "as", "or", "its", "your", "our", "we", "can", "be"}
EXTRA_WORDS = 3


def assign_keys(papers: list[Paper]) -> None:
    """Give each paper its citation key (see the module docstring for the rule)."""
    ranked = sorted(papers, key=lambda paper: (_user_key(paper) is None, seniority(paper)))
    choices = {id(paper): list(candidates(paper)) for paper in ranked}
    taken: set[str] = set()
    waiting = list(ranked)
    round_ = 0
    while waiting:
        still_waiting = []
        for paper in waiting:
            options = choices[id(paper)]
            if round_ < len(options) and options[round_].lower() not in taken:
                paper.bibtex_key = options[round_]
                taken.add(paper.bibtex_key.lower())  # BibTeX compares keys without case
            elif round_ + 1 < len(options):
                still_waiting.append(paper)
            else:
                paper.bibtex_key = _last_resort(options[-1], taken)
                taken.add(paper.bibtex_key.lower())
        waiting = still_waiting
        round_ += 1


def candidates(paper: Paper) -> Iterator[str]:
    """The keys a paper tries, best first; each depends only on the paper itself."""
    own = short_hash(paper.slug or normalise_title(paper.title))
    user_key = _user_key(paper)
    if user_key:
        yield user_key
        yield f"{user_key}-{own[:4]}"
        yield f"{user_key}-{own}"
        return
    prefix = author_part(paper) + str(paper.effective_year or "")
    words = title_words(paper.title) or ["untitled"]
    yield prefix + words[0]
    for count in range(2, min(len(words), 1 + EXTRA_WORDS) + 1):
        yield prefix + "".join(words[:count])
    yield f"{prefix}{words[0]}-{own[:4]}"
    yield f"{prefix}{words[0]}-{own}"


def base_key(paper: Paper) -> str:
    """The key a paper gets when no other paper claims it first."""
    return next(candidates(paper))


def author_part(paper: Paper) -> str:
    if paper.authors:
        word = family_word(paper.authors[0].name)
        if word:
            return word
    if paper.organisation:
        words = [ascii_word(word) for word in paper.organisation.split()]
        word = next((word for word in words if word and word not in STOP_WORDS), "")
        if word:
            return word
    return "anon"


def title_words(title: str) -> list[str]:
    """Significant title words as lowercase ASCII, in order."""
    words = [ascii_word(word) for word in title.replace("-", " ").split()]
    return [word for word in words if word and word not in STOP_WORDS]


def seniority(paper: Paper) -> tuple[dt.date, str, str, str, str]:
    """Older papers first; ties broken by the paper's own identifiers, never by seed order."""
    year = paper.effective_year
    date = paper.date or (dt.date(year, 12, 31) if year else dt.date.max)
    return (date, arxiv_key(paper.arxiv_id) or "~", doi_key(paper.doi) or "~", normalise_title(paper.title),
            paper.slug)


def _user_key(paper: Paper) -> str | None:
    return paper.source_bibtex.key if paper.source_bibtex is not None else None


def _last_resort(key: str, taken: set[str]) -> str:
    """Only for a hash collision on top of a key collision: practically never."""
    number = 2
    while f"{key}-{number}".lower() in taken:
        number += 1
    return f"{key}-{number}"
