"""Story fingerprints for near-duplicate detection: MinHash over word 3-shingles.

Why MinHash and not exact hashes: wire copy is reprinted with a changed headline, a dropped
paragraph or a byline; MinHash estimates Jaccard similarity of the shingle sets, so thirty reprints of
one story compare as ~0.8-1.0 similar while two different reports on the same border compare low.
Signatures are small hex strings so they travel on signals and sit in Faust tables as JSON.
Computed only for items that produced a signal, with numpy doing the permutations.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

PERMUTATIONS = 64
SHINGLE = 3
MAX_WORDS = 400  # reprints differ in tails (bylines, boilerplate); the lede and body carry identity
_PRIME = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(0xFFFFFFFF)
_RNG = np.random.default_rng(20261122)
_A = _RNG.integers(1, (1 << 31) - 1, size=PERMUTATIONS, dtype=np.uint64)
_B = _RNG.integers(0, (1 << 31) - 1, size=PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def fingerprint(text: str) -> str:
    """A MinHash signature of the text's word 3-shingles, as 64 x 8 hex digits."""
    words = _WORD.findall(text[: MAX_WORDS * 8].lower())[:MAX_WORDS]
    if len(words) < SHINGLE:
        words = words + [""] * (SHINGLE - len(words))
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    hashes = np.fromiter((zlib.crc32(s.encode()) for s in shingles), dtype=np.uint64, count=len(shingles))
    perm = (np.outer(_A, hashes) + _B[:, None]) % _PRIME & _MASK32
    mins = perm.min(axis=1).astype(np.uint32)
    return str(mins.tobytes().hex())


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two fingerprints (0.0 when either is missing or malformed)."""
    if not a or not b or len(a) != len(b):
        return 0.0
    va = np.frombuffer(bytes.fromhex(a), dtype=np.uint32)
    vb = np.frombuffer(bytes.fromhex(b), dtype=np.uint32)
    return float(np.mean(va == vb))
