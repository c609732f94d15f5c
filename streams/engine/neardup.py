"""Story fingerprints for near-duplicate detection: MinHash over word 3-shingles.

Why MinHash and not exact hashes: wire copy is reprinted with a changed headline, a dropped
paragraph or a byline; MinHash estimates Jaccard similarity of the shingle sets, so thirty reprints of
one story compare as ~0.8-1.0 similar while two different reports on the same border compare low.
Signatures are small hex strings so they travel on signals and sit in Faust tables as JSON.
Computed only for items that produced a signal, with numpy doing the permutations.

Why it is built the way it is (it runs for every item that fires, so it is kept cheap): words are
found with one byte-table pass instead of a regex match per word, each word is crc32-hashed (bytes),
shingle hashes are combined from neighbouring word hashes with wrapping uint64 arithmetic over the
whole array, and the 64 "permutations" are a multiply-shift family, ((a*x + b) mod 2**64) >> 32,
where the mod is the free wrap-around of uint64 rather than a division by a prime. Everything is
deterministic across processes, machines and numpy versions: crc32 and fixed constants, never
Python's salted hash() or a numpy random generator.
"""

from __future__ import annotations

import zlib

import numpy as np
import numpy.typing as npt

PERMUTATIONS = 64
SHINGLE = 3
MAX_WORDS = 400  # reprints differ in tails (bylines, boilerplate); the lede and body carry identity

_U64 = (1 << 64) - 1


def _splitmix64(seed: int, n: int) -> list[int]:
    """n pseudo-random 64-bit integers from a seed, in pure Python: unlike numpy's generators this
    sequence can never change under a library upgrade, which would silently break every stored
    fingerprint."""
    out = []
    for _ in range(n):
        seed = (seed + 0x9E3779B97F4A7C15) & _U64
        z = seed
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _U64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _U64
        out.append(z ^ (z >> 31))
    return out


_CONSTANTS = _splitmix64(20261122, 2 * PERMUTATIONS)
# multiply-shift needs odd multipliers (an even one throws away the top bit of every key)
_A = np.array([c | 1 for c in _CONSTANTS[:PERMUTATIONS]], dtype=np.uint64)[:, None]
_B = np.array(_CONSTANTS[PERMUTATIONS:], dtype=np.uint64)[:, None]
_SHINGLE_MUL = np.uint64(0x100000001B3)  # odd, so word order matters and no bits are lost
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)  # murmur3 fmix64: spreads the combined hash over all 64 bits,
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)  # so multiply-shift sees well-distributed keys
_S33 = np.uint64(33)
_S32 = np.uint64(32)

# Word tokens are exactly what re.findall(r"\w+") returns, found without a regex match per word: the
# UTF-8 bytes go through a table that blanks every ASCII non-word byte, and bytes.split() cuts on the
# blanks. Bytes >= 0x80 pass the table untouched, so non-ASCII characters that are not word characters
# (curly quotes, dashes, no-break spaces: few distinct ones per article) are blanked first, one
# str.replace each. "surrogatepass": a stray lone surrogate is just another non-word character.
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_BLANK_NON_WORD = bytes(b if b >= 0x80 or b in _WORD_BYTES else 0x20 for b in range(256))
_ASCII = bytes(range(0x80))


def _words(text: str) -> list[bytes]:
    """The text's first MAX_WORDS lower-cased \\w+ words (from its first MAX_WORDS * 8 characters),
    UTF-8 encoded."""
    lowered = text[: MAX_WORDS * 8].lower()
    if not lowered.isascii():
        non_ascii = lowered.encode("utf-8", "surrogatepass").translate(None, _ASCII)
        for char in set(non_ascii.decode("utf-8", "surrogatepass")):
            if not char.isalnum():  # \w is isalnum() or "_", and "_" is ASCII
                lowered = lowered.replace(char, " ")
    return lowered.encode("utf-8", "surrogatepass").translate(_BLANK_NON_WORD).split()[:MAX_WORDS]


def _shingle_hashes(words: list[bytes]) -> npt.NDArray[np.uint64]:
    """One 64-bit hash per word 3-shingle (duplicates kept: they cannot change a minimum)."""
    if len(words) < SHINGLE:
        words = words + [b""] * (SHINGLE - len(words))
    w = np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE + 1
    h = w[:n].copy()
    for k in range(1, SHINGLE):
        h *= _SHINGLE_MUL
        h += w[k : k + n]
    h ^= h >> _S33
    h *= _MIX1
    h ^= h >> _S33
    h *= _MIX2
    h ^= h >> _S33
    return h


def fingerprint(text: str) -> str:
    """A MinHash signature of the text's word 3-shingles, as 64 x 8 hex digits."""
    perm = _A * _shingle_hashes(_words(text))  # (PERMUTATIONS, shingles), wrapping mod 2**64
    perm += _B
    # >> 32 keeps the well-mixed high half; it is monotonic, so it can follow the min
    mins = (perm.min(axis=1) >> _S32).astype("<u4")
    return str(mins.tobytes().hex())


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two fingerprints (0.0 when either is missing or malformed)."""
    if not a or not b or len(a) != len(b):
        return 0.0
    va = np.frombuffer(bytes.fromhex(a), dtype=np.uint32)
    vb = np.frombuffer(bytes.fromhex(b), dtype=np.uint32)
    return float(np.mean(va == vb))
