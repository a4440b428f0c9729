"""The page crawl: every page each role may reach, in Simplified Chinese, on a 390 x 844 phone.

One page load per (role, page) runs every check of issues #15 and #19 on that page:
- axe-core: no critical or serious violation (rule and element printed);
- no English text outside data and proper names (the allowlist below is the one place for names);
- every date input holds a value the browser accepts (ISO yyyy-mm-dd), so it is not shown blank;
- every id is unique (axe-core no longer checks that by default);
- no sideways overflow of the page at 390 px (wide tables scroll inside their own box).

The pages come from the authorization matrix (tests/security/matrix.py): every URL a role may GET,
addressed on the security world's objects, so a page added to the matrix is crawled automatically.
"""

import re
import time

from django.apps import apps
from django.db import models
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.security.matrix import MATRIX, NOT_ALLOWED, OK, PUBLIC

# The roles crawled, signed in as ROLE_USER[role] of the security world. Adding one is one line.
CRAWL_ROLES = ("admin", "executive", "project_lead", "account_manager", "analyst", "partner")

# GET URLs that are not pages a person reads, with why they are left out.
EXCLUDED = {
    "accounts:account_export": "a CSV/Excel download, not a page",
    "accounts:contact_export": "a CSV/Excel download, not a page",
    "accounts:action_item_row": "an htmx fragment (one more form row), never a whole page",
    "governance:evidence_download": "a file download (the uploaded evidence)",
    "training:material_download": "a file download (the uploaded material)",
    "feedback:inbox_export": "a CSV/Excel download, not a page",
    "reports:dashboard_export": "a CSV/Excel download, not a page",
    "reports:account_report_export": "a CSV/Excel download, not a page",
    "reports:executive_report_export": "a CSV/Excel download, not a page",
    "campaigns:comment_file": "a file download (a comment's attachment)",
    "portal:report_download": "a CSV download of the partner's monthly report",
    "partners:review_attachment": "a file download (the client's attached file)",
    "imports:rejected_download": "a file download (the rejected rows), and the uploader's only",
    "imports:rejected_rows": "a CSV download of the rejected rows",
    "campaigns:calendar_feed": "an iCalendar feed for calendar programs, not a page",
    "set_language": "a POST that switches the language and redirects",
    "healthz": "a plain-text health probe for the load balancer",
}
# Django's admin and the JSON API are not part of the crawl: the admin is Django's own screens
# (translated by Django), the API answers JSON to programs (tests/api/ covers it).

VIEWPORT = {"width": 390, "height": 844}
LOCALE = "zh-CN"  # Accept-Language; Django's LocaleMiddleware maps it to zh-hans

# Proper names, codes and units that stay in Latin letters on a Chinese page. Case-sensitive words.
# Text that comes from stored data is left out by construction (see `data_strings`), so this list
# holds only what the code itself writes. Keep it short: a word here is never checked again.
ALLOWED_WORDS = frozenset({
    # the product, platforms and brands
    "SocialCRM", "Weibo", "Douyin", "Xiaohongshu", "WeChat", "Bilibili", "Kuaishou", "Zhihu",
    "Meta", "Instagram", "TikTok", "YouTube", "Facebook", "Plotly", "Excel", "Unicode", "English",
    # industry and file codes everyone in the alliance uses as they are
    "KPI", "KPIs", "ROI", "CTR", "CPM", "CPC", "CPA", "CPE", "CPV", "CVR", "GMV", "ROAS", "UV", "PV",
    "KOL", "KOLs", "KOC", "SLA", "NPS", "CSAT", "CSV", "XLSX", "xlsx", "csv", "PDF", "PNG", "ICS",
    "iCal", "API", "URL", "ID", "IP", "HTTP", "HTTPS", "UTC", "ISO", "UTF", "GB", "MB", "KB", "PR",
    "OK", "RACI", "Office", "MP", "Wilson", "Business", "Suite",  # Wilson score interval; Meta Business Suite
     # "MP4" is read as the word "MP"
})
# ISO 4217 currency codes (CNY, USD, ...) are names too.
_CODE = re.compile(r"^[A-Z]{3}$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# Collected in the page in one go: text (also of SVG charts and <option>s), the attributes a screen
# reader or hover reads out, date inputs, and what sticks out past the right edge.
COLLECT_JS = """
() => {
  const SKIP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "CODE", "KBD", "SAMP", "TEXTAREA"]);
  // What a click would show is checked too (filters behind a summary, forms folded away).
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
  const texts = [];
  const skipped = (el) => el.closest('[translate="no"], .modebar-container');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent.trim();
    if (!text || !parent || SKIP.has(parent.tagName) || skipped(parent)) continue;
    texts.push(text);
  }
  texts.push(document.title);
  for (const el of document.querySelectorAll("[placeholder], [title], [aria-label], [alt], input[type=submit], input[type=button]")) {
    if (skipped(el)) continue;
    for (const name of ["placeholder", "title", "aria-label", "alt"]) {
      const value = el.getAttribute(name);
      if (value && value.trim()) texts.push(value.trim());
    }
    if (el.matches("input[type=submit], input[type=button]") && el.value) texts.push(el.value);
  }
  const dates = [];
  for (const el of document.querySelectorAll("input[type=date], input[type=datetime-local], input[type=month], input[type=time]")) {
    const given = el.getAttribute("value");
    if (given && !el.value) dates.push(`${el.name || el.id}: the browser rejects value="${given}" and shows the field blank`);
  }
  const width = window.innerWidth;
  const overflow = [];
  if (document.documentElement.scrollWidth > width) {
    const scrolls = (el) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (/(auto|scroll|hidden|clip)/.test(style.overflowX)) return true;
      }
      return false;
    };
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
      (el.classList.length ? "." + [...el.classList].join(".") : "");
    for (const el of document.body.querySelectorAll("*")) {
      const rect = el.getBoundingClientRect();
      if (rect.right > width + 1 && rect.width > 0 && !scrolls(el) && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1 && !scrolls(el.parentElement))) {
        overflow.push(`${describe(el)} reaches ${Math.round(rect.right)}px`);
        if (overflow.length >= 5) break;
      }
    }
    overflow.unshift(`the page is ${document.documentElement.scrollWidth}px wide`);
  }
  // axe-core no longer reports duplicate ids by default; a label pointing at the wrong field is.
  const seen = new Map();
  for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) || 0) + 1);
  const duplicates = [...seen].filter(([, count]) => count > 1).map(([id, count]) => `id="${id}" ${count} times`);
  return {texts, dates, overflow, duplicates};
}
"""

AXE_JS = """
async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")}  ${n.html.slice(0, 160)}`),
    count: v.nodes.length,
  }));
}
"""


def pages_for(role, world):
    """(URL name, path) of every page `role` may GET, on the objects of the world's "own" side."""
    pages = []
    for name, entry in sorted(MATRIX.items()):
        if name in EXCLUDED:
            continue
        if role == "partner":  # the matrix's roles are staff; a partner's pages are the portal's
            if name.startswith("portal:") and entry.get != NOT_ALLOWED:
                pages.append((name, reverse(name, kwargs=entry.kwargs(world["own"], world))))
            continue
        if entry.expected(role, "own", "GET") != OK:
            continue
        pages.append((name, reverse(name, kwargs=entry.kwargs(world["own"], world))))
    return pages


def public_pages(world):
    return [(name, reverse(name, kwargs=kwargs(world))) for name, kwargs in sorted(PUBLIC.items())
            if name not in EXCLUDED]


def data_strings():
    """Every free-text value stored in the database: names, notes, file names, people.

    A text field with choices holds a code whose label the page must translate, so it is not data;
    a lowercase identifier (`action_item`) is a code too, except a username.
    """
    values = set()
    for model in apps.get_models():
        fields = [field for field in model._meta.concrete_fields
                  if isinstance(field, models.CharField | models.TextField | models.FileField)
                  and not field.choices]
        if not fields:
            continue
        for row in model._default_manager.values_list(*(field.attname for field in fields)):
            for field, value in zip(fields, row, strict=True):
                if not value or not isinstance(value, str):
                    continue
                if isinstance(field, models.FileField):
                    values.update((value, value.rsplit("/", 1)[-1]))
                elif field.name == "username" or not re.fullmatch(r"[a-z][a-z0-9_]*", value):
                    values.update(line.strip() for line in value.splitlines() if line.strip())
    return values


def data_pattern(strings):
    """One regex matching any stored value as whole words, longest first."""
    strings = sorted((s for s in strings if re.search(r"[A-Za-z]", s)), key=len, reverse=True)
    if not strings:
        return None
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(s) for s in strings) + r")(?![A-Za-z])")


def english_leftovers(texts, data):
    """The texts that still hold an English word once data, URLs, codes and names are taken out."""
    offending = []
    for text in dict.fromkeys(texts):
        rest = _URL_OR_EMAIL.sub(" ", data.sub(" ", text) if data else text)
        words = [word for word in _WORD.findall(rest)
                 if len(word) > 1 and word not in ALLOWED_WORDS and not _CODE.match(word)]
        if words:
            offending.append(f"{text[:120]!r} (English: {' '.join(dict.fromkeys(words))})")
    return offending


def check_page(page, url, axe_source, data, timings):
    """Load `url` once and return what is wrong with it, as lines to print.

    `timings` (a Counter) adds up the seconds spent loading, collecting and in axe-core.
    """
    started = time.monotonic()
    try:
        response = page.goto(url, wait_until="load")
    except PlaywrightError as error:
        return [f"could not be loaded as a page ({error.message.splitlines()[0]}): if it is a "
                "download, add it to EXCLUDED in tests/e2e/crawl.py with the reason"]
    if response is None or response.status != 200:
        return [f"answered {response.status if response else 'nothing'}, not a page"]
    if "text/html" not in response.headers.get("content-type", ""):
        return ["is not an HTML page: add it to EXCLUDED in tests/e2e/crawl.py with the reason"]
    loaded = time.monotonic()
    found = page.evaluate(COLLECT_JS)
    collected = time.monotonic()
    page.evaluate(axe_source)
    violations = page.evaluate(AXE_JS)
    timings.update({"load": loaded - started, "collect": collected - loaded,
                    "axe": time.monotonic() - collected})
    problems = [f"English text: {line}" for line in english_leftovers(found["texts"], data)]
    problems += [f"date input: {line}" for line in found["dates"]]
    problems += [f"overflow at 390px: {line}" for line in found["overflow"]]
    problems += [f"duplicate id: {line}" for line in found["duplicates"]]
    for violation in violations:
        problems.append(f"axe {violation['impact']} {violation['id']} ({violation['help']}), "
                        f"{violation['count']} element(s):")
        problems += [f"    {node}" for node in violation["nodes"]]
    return problems
