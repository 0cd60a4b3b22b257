"""Third, independent labelled corpus for tuning the privacy guard (see README.md).

    from tests.coordination.privacy_corpus_third import identifying, clean
    identifying()           # snippets that must be refused (all split "dev")
    clean("dev")            # notes that must be accepted

Both files are validated on load: ids unique across the corpus, split is
"dev" or "heldout", every value is an exact substring of its text.
"""

from pathlib import Path

from tests.coordination.privacy_corpus import SPLITS, Clean, Corpus, Identifying

_corpus = Corpus(Path(__file__).resolve().parent)
identifying = _corpus.identifying
clean = _corpus.clean

__all__ = ["Identifying", "Clean", "SPLITS", "identifying", "clean"]
