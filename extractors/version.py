"""What version of the extractors read a document: a fingerprint of their source.

Stored with every document (`documents.extractor_version`) and given to Dagster
as the per-document assets' code version, so that a change to the extractors
makes every document stale: `make run` re-reads them, the UI shows them as
out of date. Only the standard library is imported here: the no-change check
of `make run` reads it without loading spaCy or pandas.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """12 hex digits of the SHA-256 of the extractors' code and lexicon (every .py and .yaml file under
    extractors/, in path order): a new wording in the lexicon re-reads documents as a code change does.

    >>> len(extractor_fingerprint())
    12
    """
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted([*root.rglob("*.py"), *root.rglob("*.yaml")], key=lambda p: p.relative_to(root).as_posix()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
