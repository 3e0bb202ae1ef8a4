"""The language of a text, from the text itself (py3langid, a small n-gram classifier).

Markup often lies about the language (a site template left at lang="en" on a German
article), so the extraction checks the declared language against the text's.
"""

from __future__ import annotations

import re
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

MIN_LETTERS = 40
"""Below this many letters a guess is noise: short texts give no language."""
CONFIDENT = 0.95
SAMPLE_CHARS = 1200

_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier() -> LanguageIdentifier:
    # Loading the model takes ~0.5 s; once per process.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_guess(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability), or ("", 0.0) for a text too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return "", 0.0
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def detect_language(text: str) -> str:
    """The text's language when the classifier is confident, else ""."""
    code, probability = language_guess(text)
    return code if probability >= CONFIDENT else ""
