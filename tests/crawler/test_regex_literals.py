"""What a pattern cannot match without (crawler.regex_literals): the flagging matcher skips a
pattern whose required literals a text lacks, so a set that is not truly required would
lose a match."""

from __future__ import annotations

import re

import pytest

from crawler.regex_literals import required_literals, stand_in


def sets(pattern: str, flags: int = 0) -> list[set[str]]:
    return [set(s) for s in required_literals(pattern, flags)]


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        ("artemis accords", [{"artemis accords"}]),
        # An optional part, a negative look-around and a class require nothing.
        ("nasa(?:'s)? rover", [{"nasa"}, {" rover"}]),
        ("moon(?! festival)", [{"moon"}]),
        ("[a-z]+ satellite", [{" satellite"}]),
        # An alternation requires one of its branches' literals.
        ("(?:joins|signs on to) the ilrs", [{"joins", "signs on to"}, {" the ilrs"}]),
        # A positive look-ahead's text is in the text too; a repeat of at least one.
        ("(?=[^.]{0,30}help)china", [{"help"}, {"china"}]),
        ("(?:very )+good", [{"very "}, {"good"}]),
        # A branch that requires nothing makes the alternation require nothing.
        (r"(?:foo|\w+) rocket", [{" rocket"}]),
        # Literals shorter than three letters are in nearly every text.
        ("ab", []),
        ("(?:ab|cd) x", []),
    ],
)
def test_required_literals(pattern: str, required: list[set[str]]) -> None:
    assert sets(pattern) == required


def test_every_required_set_is_met_where_the_pattern_matches() -> None:
    """The sets hold on texts the pattern matches, whichever branch and repeat it takes."""
    pattern = re.compile(
        r"(?P<who>china|russia)(?:'s)?\s+(?:[a-z]+\s+){0,2}?(?:will\s+)?"
        r"(?:launch|launches|carry|carries)\s+(?:its\s+)?(?:[a-z-]+\s+)?(?:satellites?|probe)"
    )
    texts = [
        "china launches probe",
        "russia's space agency will carry its iranian satellites",
        "china will launch weather satellite",
    ]
    for text in texts:
        assert pattern.search(text), text
        for required in required_literals(pattern.pattern):
            assert any(literal in text for literal in required), (text, required)


def test_a_pattern_ignoring_case_requires_nothing() -> None:
    """Ignoring case, "k" also matches the Kelvin sign, which a lower-cased text keeps."""
    assert sets("kari rocket", re.IGNORECASE) == []


def test_a_stand_in_requires_what_the_part_it_replaces_requires() -> None:
    """A long list read once: in its place a short expression with the same requirements,
    inside whatever repeat or alternation held the list."""
    verbs = "(?:launch(?:es|ed)?|carr(?:y|ies|ied)|orbit)"
    short = stand_in(required_literals(verbs))
    assert sets(short) == sets(verbs) == [{"launch", "carr", "orbit"}]
    assert sets(f"china {short} satellites?") == sets(f"china {verbs} satellites?")
    assert sets(f"(?:{short})?satellite") == [{"satellite"}]
    assert stand_in([]) == "(?:)"


def test_without_behind_a_look_behind_requires_nothing() -> None:
    """A started pattern is tried at a name only where what it needs lies after the name; a
    look-behind's text lies before its start, so it is left out there."""
    assert sets("(?<=joint )mission control") == [{"joint "}, {"mission control"}]
    assert [set(s) for s in required_literals("(?<=joint )mission control", behind=False)] == [
        {"mission control"}
    ]
    assert [set(s) for s in required_literals("(?=.{0,9}deal)china", behind=False)] == [
        {"deal"},
        {"china"},
    ]
