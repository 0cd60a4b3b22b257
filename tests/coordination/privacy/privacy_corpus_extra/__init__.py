"""Second, independent labelled corpus for tuning the privacy guard (see README.md).

    from tests.coordination.privacy.privacy_corpus_extra import identifying, clean
    identifying()           # snippets that must be refused (all split "dev")
    clean("dev")            # notes that must be accepted

Same format and API as tests.coordination.privacy.privacy_corpus. Validated on load:
ids unique across the corpus, split is "dev" or "heldout" (this corpus has
only "dev"), every value is a non-empty exact substring of its text.
"""

from tests.coordination.privacy.privacy_corpus import SPLITS, Clean, Identifying, corpus_beside

identifying, clean = corpus_beside(__file__)

__all__ = ["Identifying", "Clean", "SPLITS", "identifying", "clean"]
