"""Fourth, independent labelled corpus for the privacy guard (see README.md).

    from tests.coordination.privacy.privacy_corpus_fourth import identifying, clean
    identifying()           # snippets that must be refused (both splits)
    identifying("heldout")  # the held-out half only
    clean("dev")            # notes that must be accepted (tuning half)

Both files are validated on load: ids unique across the corpus, split is
"dev" or "heldout", every value is an exact substring of its text.
"""

from tests.coordination.privacy.privacy_corpus import SPLITS, Clean, Identifying, corpus_beside

identifying, clean = corpus_beside(__file__)

__all__ = ["Identifying", "Clean", "SPLITS", "identifying", "clean"]
