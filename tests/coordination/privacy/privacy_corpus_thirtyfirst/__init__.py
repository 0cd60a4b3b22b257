"""Thirty-first, independent labelled corpus for the privacy guard (README.md in this folder;
the same format and API as tests.coordination.privacy.privacy_corpus)."""

from tests.coordination.privacy.privacy_corpus import SPLITS, Clean, Identifying, corpus_beside

identifying, clean = corpus_beside(__file__)

__all__ = ["Identifying", "Clean", "SPLITS", "identifying", "clean"]
