"""Every kind of public page of the site, discovered from the demo content (not listed by hand).

The whole-site checks (accessibility, HTML validity, query budget, fuzzing) must cover each page
type that exists — including those added later by other apps — without anyone keeping a list up
to date. So the pages are found from the data:

- one live, public page per specific page class (the first one in tree order);
- every GET form those pages show (search box, listing filters, quiz, territory choice), submitted
  once with a plausible value in each field, which yields the search results, filtered listings
  and quiz results with their query strings;
- the fixed addresses that are not pages: the 404 page and the API documentation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

NOT_FOUND_PATH = "/cette-adresse-n-existe-pas/"
FIXED_PATHS = [("Page introuvable (404)", NOT_FOUND_PATH), ("Documentation de l’API", "/api/v1/docs/")]
SEARCH_WORD = "industrie"


@dataclass
class GetForm:
    """A GET form found in a page: its action and, per field name, the values it offers."""

    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    text_fields: list[str] = field(default_factory=list)

    def query(self) -> dict[str, str]:
        """One plausible submission: first offered non-empty value per field, a search word in text boxes."""
        values: dict[str, str] = {}
        for name, options in self.fields.items():
            chosen = next((v for v in options if v), None)
            if chosen is not None:
                values[name] = chosen
        for name in self.text_fields:
            values.setdefault(name, SEARCH_WORD)
        return values


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[GetForm] = []
        self._current: GetForm | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            method = a.get("method", "get").lower()
            self._current = GetForm(action=a.get("action", "")) if method == "get" else None
            return
        form = self._current
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("text", "search", "email", "number", "tel", "url"):
                if kind == "number":
                    form.fields.setdefault(name, []).append(a.get("min") or "1")
                else:
                    form.text_fields.append(name)
            elif kind in ("radio", "checkbox", "hidden"):
                form.fields.setdefault(name, []).append(a.get("value", "on"))
        elif tag == "select" and name:
            self._select = name
            form.fields.setdefault(name, [])
        elif tag == "option" and self._select:
            form.fields[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._current is not None:
            self.forms.append(self._current)
            self._current = None
        elif tag == "select":
            self._select = None


def get_forms(html: str) -> list[GetForm]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form_submission_url(page_path: str, form: GetForm) -> str | None:
    """The local address a visitor reaches by submitting ``form`` found on ``page_path``."""
    target = urlsplit(urljoin(page_path, form.action or page_path))
    if target.netloc:  # a form posting to another site is not ours to test
        return None
    query = form.query()
    if not query:
        return None
    return f"{target.path}?{urlencode(query)}"


def page_type_paths() -> list[tuple[str, str]]:
    """(page class name, path) for one live public page of each specific page class."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    found: list[tuple[str, str]] = []
    live = Page.objects.live().public().filter(depth__gt=1)
    for content_type_id in live.order_by().values_list("content_type", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        page = live.filter(content_type_id=content_type_id).order_by("path").first().specific
        url = page.get_url()
        if url:
            found.append((model.__name__, urlsplit(url).path))
    return sorted(found) + variant_paths()


def variant_paths() -> list[tuple[str, str]]:
    """Pages that render differently from the first of their class: a short job profile (« fiche courte »)."""
    from careers.models import JobProfilePage

    profiles = JobProfilePage.objects.live().public().order_by("path")
    short = next((profile for profile in profiles.iterator() if profile.is_short), None)
    return [("JobProfilePage (fiche courte)", urlsplit(short.get_url()).path)] if short is not None else []


def public_paths(client) -> list[tuple[str, str]]:
    """Every public page type, plus the GET-form submissions they offer and the fixed pages.

    ``client`` is a Django test client (anonymous), used to read each page's forms.
    """
    paths = page_type_paths()
    seen_forms: set[tuple[str, tuple[str, ...]]] = set()
    extra: list[tuple[str, str]] = []
    for label, path in paths:
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in get_forms(response.content.decode()):
            url = form_submission_url(path, form)
            if url is None:
                continue
            signature = (urlsplit(url).path, tuple(sorted(form.query())))
            if signature in seen_forms:
                continue
            seen_forms.add(signature)
            extra.append((f"{label} → formulaire {urlsplit(url).path}", url))
    return paths + extra + FIXED_PATHS
