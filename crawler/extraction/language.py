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
_OWN_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]"), 0.1),  # kana: Japanese beside its kanji
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]"), 0.3),
    ("zh", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]"), 0.5),
    ("th", re.compile(r"[\u0e00-\u0e7f]"), 0.5),
    ("el", re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"), 0.5),
    ("he", re.compile(r"[\u0590-\u05ff]"), 0.5),
)
"""Languages a script names alone, with the share of a text's letters that settles it.
The n-gram model is unsure on Chinese news (0.92-0.95 on Xinhua and People's Daily
pages, below CONFIDENT) though no other language writes it; Japanese is tested first, as
its text is mostly kanji too."""
_ANY_OWN_SCRIPT = re.compile("|".join(script.pattern for _, script, _ in _OWN_SCRIPTS))


@cache
def _identifier() -> LanguageIdentifier:
    # Loading the model takes ~0.5 s; once per process.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_guess(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability), or ("", 0.0) for a text too short to tell."""
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters < MIN_LETTERS:
        return "", 0.0
    if _ANY_OWN_SCRIPT.search(sample):  # most texts have none: one pass, not six
        for code, script, share in _OWN_SCRIPTS:
            if len(script.findall(sample)) >= share * letters:
                return code, 1.0
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def detect_language(text: str) -> str:
    """The text's language when the classifier is confident, else ""."""
    code, probability = language_guess(text)
    return code if probability >= CONFIDENT else ""
