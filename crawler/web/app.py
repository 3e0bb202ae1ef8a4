"""The read-only web page: flagged feed, search, article view, sources; Atom; a JSON API.

Server-rendered HTML (Jinja2, autoescaped), no JavaScript. Every read goes through
storage.queries; no route writes. Scraped text is escaped before it is highlighted
(crawler.web.markup).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader

from crawler.atom import flagged_feed
from crawler.cli.output import jsonable
from crawler.config import Config, Taxonomy
from crawler.errors import SpacewatchError
from crawler.flagging import Span, highlight_spans, matcher_for
from crawler.health import RunFacts, judge
from crawler.schedule import next_due, parse_schedule
from crawler.versions import version_diffs
from crawler.views import detail_row, flagged_row, summary_row
from crawler.web import markup
from crawler.when import parse_when
from storage import queries, runs
from storage.database import Database, open_database, require_current_schema
from storage.search_query import QueryError, SearchQuery

PAGE_SIZE = 20
HEALTH_ORDER = {"broken": 0, "degraded": 1, "ok": 2}
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
HERE = Path(__file__).parent


@dataclass
class Narrowing:
    """The filters every list shares (query parameters ?source=&since=&until=)."""

    source: str = ""
    since: str = ""
    until: str = ""

    def filters(self, flagged_only: bool, category: str = "") -> queries.Filters:
        try:
            return queries.Filters(
                flagged_only=flagged_only,
                sources=(self.source,) if self.source else (),
                since=parse_when(self.since or None, "since"),
                until=parse_when(self.until or None, "until", end_of_day=True),
                category=category,
            )
        except SpacewatchError as exc:
            raise HTTPException(400, str(exc)) from None

    def args(self) -> dict[str, str]:
        return {"source": self.source, "since": self.since, "until": self.until}


@dataclass
class Paging:
    limit: int = Query(PAGE_SIZE, ge=1, le=200)
    offset: int = Query(0, ge=0)


Narrowed = Annotated[Narrowing, Depends()]
Paged = Annotated[Paging, Depends()]


def create_app(
    config: Config, database: Database | None = None, page_size: int = PAGE_SIZE
) -> FastAPI:
    """The app for ``config``'s database (opened here unless given); ``page_size`` items per
    HTML page."""
    db = database or open_database(config.database_url)
    require_current_schema(db)
    context_categories = _context_categories(config.taxonomy)

    def build_matcher() -> None:
        try:
            matcher_for(config.taxonomy).compile_all()
        except SpacewatchError as exc:  # a pattern that fails written out: one line, no trace
            logging.getLogger("spacewatch.web").error("%s", exc)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # An article's page marks the terms that flagged it, with a matcher that takes 1-2.5 s
        # to build: build it beside the first lists served, not in the first article's request.
        warm_up = threading.Thread(target=build_matcher, name="matcher warm-up", daemon=True)
        warm_up.start()
        app.state.matcher_warm_up = warm_up
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="spacewatch",
        summary="Read-only access to stored and flagged space-policy articles.",
        docs_url=None,  # the interactive docs load scripts from a CDN: not on this page
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        # Belt and braces: scraped text is escaped anyway, and the page runs no script at all.
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    templates = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    templates.globals.update(
        snippet=markup.snippet,
        matched_form=markup.matched_form,
        is_lede=markup.is_lede,
        safe_link=markup.safe_link,
        day=_day,
        moment=_moment,
        link=_link,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def render(request: Request, name: str, **context: Any) -> HTMLResponse:
        status = context.pop("status", 200)
        html = templates.get_template(name).render(request=request, **context)
        return HTMLResponse(html, status_code=status)

    def choices() -> dict[str, list[str]]:
        with db.session() as session:
            names = queries.source_names(session)
        return {
            "sources": names,
            "categories": [c.name for c in config.taxonomy.categories if c.flag],
        }

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
        )
        return error(request, 400, f"bad parameter: {problems}")

    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        title = HTTPStatus(status).phrase
        return render(request, "error.html", status=status, message=message, title=title)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/flagged")

    @app.get("/flagged", response_class=HTMLResponse, include_in_schema=False)
    def flagged_page(
        request: Request, narrowing: Narrowed, category: str = "", page: int = Query(1, ge=1)
    ) -> HTMLResponse:
        with db.session() as session:
            found = queries.flagged(
                session,
                narrowing.filters(flagged_only=True, category=category),
                limit=page_size + 1,
                offset=(page - 1) * page_size,
            )
            reasons = queries.flag_reasons(session, [a.id for a in found[:page_size]])
        return render(
            request,
            "flagged.html",
            title="Flagged",
            articles=found[:page_size],
            snippets={article_id: reason.snippet for article_id, reason in reasons.items()},
            more=len(found) > page_size,
            page=page,
            args=narrowing.args() | {"category": category},
            **choices(),
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        narrowing: Narrowed,
        q: str = "",
        flagged: bool = False,
        page: int = Query(1, ge=1),
    ) -> HTMLResponse:
        hits: list[queries.ArticleSummary] = []
        error = ""
        if q.strip():
            try:
                hits = search(q, narrowing.filters(flagged), page_size + 1, (page - 1) * page_size)
            except HTTPException as exc:
                error = str(exc.detail)
        return render(
            request,
            "search.html",
            title="Search",
            q=q,
            hits=hits[:page_size],
            more=len(hits) > page_size,
            page=page,
            error=error,
            args=narrowing.args() | {"q": q, "flagged": "1" if flagged else ""},
            **choices(),
        )

    def search(
        text: str, chosen: queries.Filters, limit: int, offset: int
    ) -> list[queries.ArticleSummary]:
        try:
            parsed = SearchQuery.parse(text)
        except QueryError as exc:
            raise HTTPException(400, str(exc)) from None
        with db.session() as session:
            return queries.search(session, parsed, chosen, limit=limit, offset=offset)

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: int) -> HTMLResponse:
        with db.session() as session:
            detail = queries.get_article(session, article_id)
            texts = queries.version_texts(session, article_id) if detail and detail.versions else []
        if detail is None:
            raise HTTPException(404, f"no stored article {article_id}")
        title_spans, body_spans = (
            _context_marked(spans, context_categories)
            for spans in highlight_spans(detail.summary.title, detail.body, config.taxonomy)
        )
        return render(
            request,
            "article.html",
            title=detail.summary.title,
            a=detail,
            changes=version_diffs(texts),
            body=markup.paragraphs(detail.body, body_spans),
            title_html=markup.highlight(detail.summary.title, title_spans),
        )

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request, days: int = Query(30, ge=7, le=90)) -> HTMLResponse:
        return render(
            request, "sources.html", title="Sources", rows=_source_rows(config, db, days), days=days
        )

    @app.get("/flagged.atom", include_in_schema=False)
    def atom(request: Request) -> Response:
        return Response(
            flagged_feed(db, self_url=str(request.url)), media_type="application/atom+xml"
        )

    # -- JSON API --------------------------------------------------------------------------

    @app.get("/api/flagged", summary="Flagged articles, newest first")
    def api_flagged(narrowing: Narrowed, paging: Paged, category: str = "") -> list[dict[str, Any]]:
        chosen = narrowing.filters(flagged_only=True, category=category)
        with db.session() as session:
            found = queries.flagged(session, chosen, limit=paging.limit, offset=paging.offset)
            reasons = queries.flag_reasons(session, [a.id for a in found])
        return [jsonable(flagged_row(a, reasons.get(a.id))) for a in found]

    @app.get("/api/search", summary="Full-text search, most relevant first")
    def api_search(
        narrowing: Narrowed, paging: Paged, q: str, flagged: bool = False
    ) -> list[dict[str, Any]]:
        hits = search(q, narrowing.filters(flagged), paging.limit, paging.offset)
        return [jsonable(summary_row(h, with_search=True)) for h in hits]

    @app.get("/api/articles/{article_id}", summary="One article with its flag explanation")
    def api_article(article_id: int) -> dict[str, Any]:
        with db.session() as session:
            detail = queries.get_article(session, article_id)
        if detail is None:
            raise HTTPException(404, f"no stored article {article_id}")
        row: dict[str, Any] = jsonable(detail_row(detail))
        return row

    @app.get("/api/sources", summary="Sources with health, last and next run")
    def api_sources(days: int = Query(30, ge=7, le=90)) -> list[dict[str, Any]]:
        return [
            {k: jsonable(v) for k, v in row.items() if k != "bars"}
            for row in _source_rows(config, db, days)
        ]

    return app


def _context_categories(taxonomy: Taxonomy) -> frozenset[str]:
    """The categories that never flag (agencies, nations, deals of other kinds): they explain
    a flag but are none, and a briefing names China or a trade deal in every paragraph."""
    return frozenset(c.name for c in taxonomy.categories if not c.flag)


def _context_marked(spans: list[Span], context: frozenset[str]) -> list[Span]:
    """Spans of the ``context`` categories get the class "context" too, which the style
    sheet underlines instead of painting."""
    return [(s, e, f"{c} context" if c in context else c) for s, e, c in spans]


def _link(path: str, args: dict[str, str], **changes: object) -> str:
    """``path`` with the non-empty ``args`` (updated by ``changes``) as its query string."""
    merged = {**args, **{k: str(v) for k, v in changes.items()}}
    query = urlencode({k: v for k, v in merged.items() if v and not (k == "page" and v == "1")})
    return f"{path}?{query}" if query else path


def _moment(value: dt.datetime | None) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if value else "never"


def _day(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "undated"


def _source_rows(config: Config, db: Database, days: int) -> list[dict[str, Any]]:
    now = dt.datetime.now(dt.UTC)
    since = (now - dt.timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    with db.session() as session:
        summaries = {s.name: s for s in queries.sources(session)}
        last = runs.last_runs(session)
        completed = runs.last_completed_starts(session)
        counts = queries.daily_counts(session, since)
        recent = {
            name: [RunFacts.from_run(r) for r in runs.recent_runs(session, name)]
            for name in summaries
        }
    configured = {s.name: s for s in config.sources}
    rows = []
    for name in sorted(set(summaries) | set(configured)):
        source = configured.get(name)
        schedule = parse_schedule((source.schedule if source else "") or config.schedule.default)
        state, reason = judge(recent.get(name, []), schedule.interval, now, config.health)
        per_day = counts.get(name, {})
        dates = [(since + dt.timedelta(days=i)).date() for i in range(days)]
        bars = [(d, *per_day.get(d, (0, 0))) for d in dates]
        summary = summaries.get(name)
        started, _, status = last.get(name, (None, None, ""))
        rows.append(
            {
                "name": name,
                "health": state or "never crawled",
                "reason": reason,
                "articles": summary.articles if summary else 0,
                "flagged": summary.flagged if summary else 0,
                "last_run": started,
                "last_status": status,
                "next_run": next_due(schedule, completed.get(name), now)
                if source and source.enabled
                else None,
                "bars": bars,
                "per_day": [
                    {"day": d.isoformat(), "articles": a, "flagged": f} for d, a, f in bars
                ],
            }
        )
    # Trouble first: an analyst opens this page to see what needs attention.
    return sorted(rows, key=lambda r: (HEALTH_ORDER.get(r["health"], 3), r["name"]))
