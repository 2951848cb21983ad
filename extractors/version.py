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
    """12 hex digits of the SHA-256 of every extractors/*.py file, in name order.

    >>> len(extractor_fingerprint())
    12
    """
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
