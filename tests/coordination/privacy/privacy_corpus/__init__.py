"""Labelled corpus for measuring the privacy guard (see README.md in this folder).

    from tests.coordination.privacy.privacy_corpus import identifying, clean
    identifying("dev")      # snippets that must be refused
    clean("heldout")        # notes that must be accepted

Both files are validated on load: ids unique across the corpus, split is
"dev" or "heldout", every value is an exact substring of its text.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("dev", "heldout")


@dataclass(frozen=True)
class Identifying:
    id: str
    split: str
    kind: str
    shape: str
    text: str
    values: tuple[str, ...]

    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of the first occurrence of each value in text."""
        return [(self.text.index(v), self.text.index(v) + len(v)) for v in self.values]


@dataclass(frozen=True)
class Clean:
    id: str
    split: str
    shape: str
    text: str


def _rows(folder: Path, name: str) -> list[dict]:
    rows = []
    with open(folder / name, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:  # pragma: no cover
                    raise ValueError(f"{name}:{n}: {exc}") from exc
    return rows


def _load(folder: Path) -> tuple[tuple[Identifying, ...], tuple[Clean, ...]]:
    seen: set[str] = set()

    def check_common(row: dict, name: str) -> None:
        rid = row["id"]
        if rid in seen:
            raise ValueError(f"{name}: duplicate id {rid}")
        seen.add(rid)
        if row["split"] not in SPLITS:
            raise ValueError(f"{name}: {rid}: bad split {row['split']!r}")
        if not row["text"] or not row["shape"]:
            raise ValueError(f"{name}: {rid}: empty text or shape")

    ident = []
    for row in _rows(folder, "identifying.jsonl"):
        check_common(row, "identifying.jsonl")
        if not row["values"]:
            raise ValueError(f"identifying.jsonl: {row['id']}: no values")
        for v in row["values"]:
            if not v or v not in row["text"]:
                raise ValueError(
                    f"identifying.jsonl: {row['id']}: {v!r} is not a substring of text"
                )
        ident.append(
            Identifying(
                row["id"],
                row["split"],
                row["kind"],
                row["shape"],
                row["text"],
                tuple(row["values"]),
            )
        )

    clean_rows = []
    for row in _rows(folder, "clean.jsonl"):
        check_common(row, "clean.jsonl")
        clean_rows.append(Clean(row["id"], row["split"], row["shape"], row["text"]))
    return tuple(ident), tuple(clean_rows)


def _pick(items, split):
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS} or None, not {split!r}")
    return [x for x in items if split is None or x.split == split]


class Corpus:
    """One folder's identifying.jsonl and clean.jsonl, read once (the other corpora,
    privacy_corpus_extra and the rest, are folders of the same format)."""

    def __init__(self, folder: Path):
        self.folder = folder

    @functools.cached_property
    def _items(self) -> tuple[tuple[Identifying, ...], tuple[Clean, ...]]:
        return _load(self.folder)

    def identifying(self, split: str | None = None) -> list[Identifying]:
        return _pick(self._items[0], split)

    def clean(self, split: str | None = None) -> list[Clean]:
        return _pick(self._items[1], split)


def corpus_beside(module_file: str):
    """`identifying` and `clean` for the corpus in the folder of `module_file` (each
    corpus package's `__init__`)."""
    corpus = Corpus(Path(module_file).resolve().parent)
    return corpus.identifying, corpus.clean


identifying, clean = corpus_beside(__file__)


__all__ = ["Identifying", "Clean", "Corpus", "SPLITS", "corpus_beside", "identifying", "clean"]
