"""Lines a site adds to every article: calls to sign up or follow, ad labels, affiliate
disclosures, photo credits, and the page's own chrome (browser and JavaScript notices, the
comment box's prompts, a login wall's prompt).

They sit inside the article element, so the body extractor keeps them, but they are the
site's voice, not the story's: "Sign up for our space newsletter" would put a term in every
article of a site. A line counts as one only when it is short and the whole line (or its
opening imperative) has the shape; "Users can sign up for launch alerts at nasa.gov" and
"Follow-up talks with ESA are planned" stay.
"""

from __future__ import annotations

import re

_OPENINGS = (
    # "Sign up for our emails", "Subscribe to Metro Times newsletters.", "Register now to ..."
    r"(?:sign up|subscribe|register)(?: now| today| here| free)?(?: for| to)\b",
    # "Get the latest news from thewest.com.au in your inbox."
    r"get (?:the latest|the best|our|daily|breaking|more|all the latest|real-time|exclusive)\b"
    r".{0,120}\b(?:newsletters?|inbox|emails?|alerts|updates|news)\b",
    # "Follow TechRadar on Google News and ...", "Follow us on Twitter & Instagram"
    r"follow (?:us|[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}) on (?:google news|twitter|x|facebook"
    r"|instagram|linkedin|threads|bluesky|telegram|whatsapp|tiktok|youtube|flipboard)\b",
    # "Got a story? Get in touch with our news team ...", "Do you have a story to tell?"
    r"(?:got|have you got|do you have) a (?:story|news tip|tip)\b",
    # "For the latest breaking news ..., sign up for our newsletters."
    r"for (?:more|the latest)\b.{0,120}\b(?:sign up|subscribe|newsletters?|follow us|bookmark)\b",
    r"(?:click|tap) here to (?:subscribe|sign up|register|follow|download|get)\b",
)
_WHOLE_LINES = (
    r"advertisement",
    r"advertisement\b.{0,40}\bstory continues below",
    r"(?:story|article) continues (?:below|after (?:the )?advertisement)(?: advertisement)?",
    r"continue reading below",
    r"skip advertisement",
    r"scroll to continue(?: with content)?",
    r"article content",
    r"recommended videos?",
    r"read next",
    r"sponsored(?: content)?",
    # "Photo: AFP", "Image: Phando Jikelo/Independent Newspapers", "Fotos: Berliner Feuerwehr"
    r"(?:photo|image|picture|photograph|foto|bild)s?(?: credit)?\s*[:©]\s*[^.!?]{1,60}",
)
_CHROME = (
    # "You are using a browser version with limited support for CSS.", "Please update your
    # browser", "JavaScript is disabled on your browser. Please enable JavaScript ..."
    r"\byou are using an? (?:outdated |older |old |unsupported )?browser(?: version)? (?:with"
    r"|that)\b",
    r"^\W*(?:please )?(?:update|upgrade) your browser\b",
    r"\b(?:upgrade to|use) a (?:newer|modern|more up[ -]to[ -]date) browser\b",
    r"\byour browser (?:is not|isn't) supported\b",
    r"\byour browser does(?: not|n't) support (?:the )?(?:video|audio|iframes?|html5|this)\b",
    r"^\W*(?:please )?(?:enable|turn on) javascript\b",
    r"\bjavascript is (?:disabled|required|not enabled)\b",
    # the comment box: "You must confirm your public display name before commenting"
    r"\bbefore (?:commenting|posting a comment)\b",
    r"\b(?:log ?in|sign ?in|logged in|register)\b.{0,30}\bto (?:comment|post a comment"
    r"|join the (?:conversation|discussion))\b",
    r"\b(?:enter|confirm|choose|set) your (?:public )?display name\b",
    r"^\W*comments? (?:are|is) (?:closed|disabled)\b",
    r"^\W*(?:leave|post|add) a comment\W*$",
    # a login wall: "Log in or create an account to continue"
    r"^\W*log ?in or (?:create an account|register|sign up)\b",
)
"""Searched in the line, not only at its start: the phrases are the page speaking about
itself ("declined to comment" is a story line and does not match)."""
_CHROME_WORDS = ("browser", "javascript", "comment", "display name", "log", "sign", "register")
"""One of these is in every _CHROME line: a substring test skips the search on the others
(the search alone cost ~0.4 ms per page, more than every other promotion test together)."""
_ANYWHERE = (
    # "... Postmedia may earn an affiliate commission from purchases made through links ..."
    r"\b(?:may|might|will) (?:earn|receive|get) (?:an? )?(?:small )?(?:affiliate )?commission\b",
    r"\bbuying through (?:us|our links)\b.{0,80}\bcommission\b",
)
_SHOPPING = re.compile(r"\b(?:purchas\w*|links?|buy\w*|affiliate)\b", re.IGNORECASE)
"""A disclosure speaks of purchases or links: "brokers will receive a commission on every
launch contract" is a story line."""
_OPENING = re.compile(r"\s*(?:" + "|".join(_OPENINGS) + ")", re.IGNORECASE)
_WHOLE_LINE = re.compile(
    r"\s*[-–—•]?\s*(?:" + "|".join(_WHOLE_LINES) + r")\s*[.:!]?\s*$", re.IGNORECASE
)
_DISCLOSURE = re.compile("|".join(_ANYWHERE), re.IGNORECASE)
_PAGE_CHROME = re.compile("|".join(_CHROME), re.IGNORECASE)
MAX_PROMO = 300
"""Characters: a promotion is a line or two, never a paragraph of the story."""


def is_promo(paragraph: str) -> bool:
    if len(paragraph) > MAX_PROMO:
        return False
    if _OPENING.match(paragraph) or _WHOLE_LINE.match(paragraph):
        return True
    folded = paragraph.casefold()
    if any(word in folded for word in _CHROME_WORDS) and _PAGE_CHROME.search(paragraph):
        return True
    return _DISCLOSURE.search(paragraph) is not None and _SHOPPING.search(paragraph) is not None
