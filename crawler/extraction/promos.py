"""Lines a site adds to every article: calls to sign up, follow or download the app, ad
labels, affiliate disclosures, photo credits, copyright and reprint notices, a paywall's and a
letters page's prompts, and the page's own chrome (browser and JavaScript notices, the
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
    # "Never miss the latest news by signing up to our newsletter today!"
    r"(?:never|don[’']t) miss\b.{0,80}\b(?:sign(?:ing)? up|subscrib\w*|newsletters?)\b",
    # "Get The Times of Israel's Daily Edition by email and never miss our top stories"
    r"get\b.{0,80}\b(?:by|via) e-?mail\b",
    # "For the latest stories ... download the Nationnews apps for iOS and Android."
    r"(?:for (?:more|the latest)\b.{0,120}\b)?download (?:the|our)\b.{0,60}\bapps?\b",
    # a paywall: "To view the full story, please subscribe to ...", "For the full story and
    # more photos, subscribe now"
    r"(?:to (?:view|read|continue reading|access|unlock) (?:the |this )?(?:full |entire "
    r"|rest of (?:the |this )?)?|for the (?:full|entire) )(?:story|article)\b.{0,60}\bsubscri",
    r"advertise with (?:us|the)\b",
    # letters pages: "Submit your letter to the editor via this form."
    r"(?:submit|send) (?:a|your) letter\b",
    r"we(?:[’']d| would)? (?:want|like|love) to hear (?:what you think|from you)\b",
    # a copyright line: "© 2020 General Mills", "Copyright 2023 Sunbeam Television Corp.",
    # "Copyright: Project Syndicate, 2025" (not "Copyright law ...": a story can open so)
    r"[<(\[]?\s*(?:™\s*&\s*)?(?:[©ⓒ]|\(c\)\s|copyright\s*(?:[©ⓒ@:]|\(c\)|\d{4}|$))",
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
    # "PC Gamer Newsletter", "Subscribe", "Newsletter abonnieren"
    r"(?-i:(?:[A-Z0-9][\w'’&.-]* ){0,3})\w*newsletters?",
    r"(?:subscribe|sign up)(?: now| today| here)?",
    r"(?:zum )?newsletter (?:abonnieren|anmelden)",
    # "Photo: AFP", "Image: Phando Jikelo/Independent Newspapers", "Fotos: Berliner Feuerwehr",
    # "(Credit: Clayton Aldern / Grist)"
    r"\(?(?:(?:photo|image|picture|photograph|foto|bild)s?(?: credit)?|credits?)\s*[:©]"
    r"\s*[^.!?()]{1,60}\)?",
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
    # "If you're seeing this message but you're already a subscriber, you can log in ..."
    r"\balready an? (?:subscriber|member)\b.{0,60}\b(?:log ?in|sign ?in)\b",
)
"""Searched in the line, not only at its start: the phrases are the page speaking about
itself ("declined to comment" is a story line and does not match)."""
_CHROME_WORDS = ("browser", "javascript", "comment", "display name", "log", "sign", "register")
"""One of these is in every _CHROME line: a substring test skips the search on the others
(the search alone cost ~0.4 ms per page, more than every other promotion test together)."""
_ANYWHERE = (
    # "... Postmedia may earn an affiliate commission from purchases made through links ..."
    r"\b(?:may|might|will) (?:earn|receive|get) (?:an? )?(?:small )?(?:affiliate )?"
    r"(?:commission|compensation)\b",
    r"\bbuying through (?:us|our links)\b.{0,80}\bcommission\b",
)
_RIGHTS = re.compile(
    r"\ball rights reserved\W*$|\bmay not be (?:re)?published, broadcast\b"
    r"|\bcopyrighted (?:property|material) of\b",
    re.IGNORECASE,
)
"""A rights notice, wherever it sits in a short line: "... Breaking Belize News. This article
is the copyrighted property of ...", AP's "This material may not be published, broadcast,
rewritten or redistributed."."""
_SHOPPING = re.compile(
    r"\b(?:purchas\w*|links?|buy\w*|affiliate|partners|advertisers?)\b", re.IGNORECASE
)
"""A disclosure speaks of purchases or links: "brokers will receive a commission on every
launch contract" is a story line."""
_OPENING = re.compile(r"\s*(?:" + "|".join(_OPENINGS) + ")", re.IGNORECASE)
_WHOLE_LINE = re.compile(
    r"\s*[-–—•]?\s*(?:" + "|".join(_WHOLE_LINES) + r")\s*[.:!]?\s*$", re.IGNORECASE
)
_CLOSING = re.compile(
    r"[?!.]\s+(?:free )?(?:sign up|subscribe)(?: here| now| today| for free)?\W*$", re.IGNORECASE
)
"""A question or pitch that ends in the call: "Do you want to be informed of our actions? Sign
up here"."""
_DISCLOSURE = re.compile("|".join(_ANYWHERE), re.IGNORECASE)
_PAGE_CHROME = re.compile("|".join(_CHROME), re.IGNORECASE)
MAX_PROMO = 300
"""Characters: a promotion is a line or two, never a paragraph of the story."""


def is_promo(paragraph: str) -> bool:
    if len(paragraph) > MAX_PROMO:
        return False
    if _OPENING.match(paragraph) or _WHOLE_LINE.match(paragraph) or _CLOSING.search(paragraph):
        return True
    folded = paragraph.casefold()
    if any(word in folded for word in _CHROME_WORDS) and _PAGE_CHROME.search(paragraph):
        return True
    if ("right" in folded or "broadcast" in folded) and _RIGHTS.search(paragraph):
        return True
    return _DISCLOSURE.search(paragraph) is not None and _SHOPPING.search(paragraph) is not None
