"""Platform campaigns and accounts -> CRM campaigns and publishers.

Exports name campaigns the platform's way ("Autumn Launch - Skincare", campaign id 1202...), never
the CRM's way. The import asks once per unknown platform name (not once per row), suggests the
likeliest CRM campaigns, and remembers the answer per source so next week's file asks nothing.

Everything here is limited to what the importing user may write: campaigns they may import for
(`campaigns_editable_by`) and publishers they may name (`publishers_choosable_by`). A remembered
answer whose target the user may not write is ignored, so it neither leaks nor writes.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q
from rapidfuzz import fuzz, process, utils

from imports.models import CampaignNameMapping, PublisherNameMapping
from socialcrm.visibility import campaigns_editable_by, publishers_choosable_by

CAMPAIGN, PUBLISHER = "campaign", "publisher"
KINDS = (CAMPAIGN, PUBLISHER)
MAPPING_MODELS = {CAMPAIGN: CampaignNameMapping, PUBLISHER: PublisherNameMapping}
SUGGESTIONS = 3
MIN_SIMILARITY = 45
SKIP = object()  # a remembered "leave this platform campaign out"


def name_key(external_id="", name=""):
    """The identity of a platform campaign: its id when the file has one, else its name
    compared without case and repeated spaces."""
    external_id = str(external_id or "").strip()
    if external_id:
        return f"id:{external_id}"
    return "name:" + re.sub(r"\s+", " ", str(name or "")).strip().casefold()


def choosable(user, kind):
    """The campaigns or publishers `user` may map a platform name to."""
    if kind == CAMPAIGN:
        return campaigns_editable_by(user)
    return publishers_choosable_by(user)


def remembered(user, source, kind):
    """{key: target id or SKIP} of the source's answers usable by `user`: their own answers win
    over other users'; another user's answer counts only when its target is one `user` may write,
    and another user's "skip" never hides rows from `user`."""
    allowed = choosable(user, kind).values("pk")
    answers = (MAPPING_MODELS[kind].objects.filter(source=source)
               .filter(Q(target__in=allowed) | Q(target__isnull=True, confirmed_by=user))
               .values_list("key", "target_id", "confirmed_by_id").order_by("confirmed_at"))
    book = {}
    for own in (False, True):
        for key, target_id, confirmed_by in answers:
            if (confirmed_by == user.pk) == own:
                book[key] = SKIP if target_id is None else target_id
    return book


@dataclass
class Unknown:
    """One platform campaign/account the file names and the CRM cannot place, with where it occurs."""

    kind: str
    key: str
    external_id: str
    name: str
    rows: int = 0
    first_line: int = 0
    first_day: object = None
    last_day: object = None
    lines: list = field(default_factory=list)  # kept out of the report: a name may have 1M rows

    def saw(self, lines, days):
        """Rows of this name: their line numbers and (readable) days."""
        self.lines.extend(lines)
        self.rows += len(lines)
        self.first_line = min(self.lines)
        if days:
            self.first_day = min(self.first_day or min(days), min(days))
            self.last_day = max(self.last_day or max(days), max(days))

    @property
    def label(self):
        if self.name and self.external_id:
            return f"{self.name} ({self.external_id})"
        return self.name or self.external_id

    def as_report(self, suggestions):
        return {"key": self.key, "external_id": self.external_id, "name": self.name, "rows": self.rows,
                "first_line": self.first_line,
                "first_day": self.first_day.isoformat() if self.first_day else None,
                "last_day": self.last_day.isoformat() if self.last_day else None,
                "suggestions": suggestions}


def suggest(user, unknowns, *, known_ids=()):
    """{key: [target ids, best first]} for each unknown name.

    Campaigns are ranked by name similarity (token-based, so "Autumn Launch - Skincare" finds
    "Skincare autumn launch 2026"), then favoured when they ran over the days of the rows and
    when their advertiser is the one of the campaigns this file already resolved.
    """
    suggestions = {}
    for kind in KINDS:
        wanted = [unknown for unknown in unknowns if unknown.kind == kind]
        if not wanted:
            continue
        candidates = _candidates(user, kind)
        advertisers = _advertisers_of(known_ids) if kind == CAMPAIGN else set()
        for unknown in wanted:
            suggestions[unknown.key] = _ranked(unknown, candidates, advertisers)
    return suggestions


def _candidates(user, kind):
    if kind == CAMPAIGN:
        rows = choosable(user, kind).values_list("pk", "name", "advertiser__name", "advertiser_id",
                                                 "start_on", "end_on")
        return [{"pk": pk, "name": name, "text": f"{name} {advertiser}", "advertiser": advertiser_id,
                 "start": start, "end": end} for pk, name, advertiser, advertiser_id, start, end in rows]
    return [{"pk": pk, "name": name, "text": name}
            for pk, name in choosable(user, kind).values_list("pk", "name")]


def _advertisers_of(campaign_ids):
    from campaigns.models import Campaign

    return set(Campaign.objects.filter(pk__in=campaign_ids).values_list("advertiser_id", flat=True))


def _ranked(unknown, candidates, advertisers):
    if not candidates or not unknown.name:
        return []
    matches = process.extract(unknown.name, [candidate["text"] for candidate in candidates],
                              scorer=fuzz.token_set_ratio, processor=utils.default_process,
                              limit=None, score_cutoff=MIN_SIMILARITY)
    scored = []
    for _text, similarity, index in matches:
        candidate = candidates[index]
        score = similarity
        if candidate.get("advertiser") in advertisers:
            score += 10
        if _overlaps(unknown, candidate):
            score += 10
        scored.append((-score, candidate["name"], candidate["pk"]))
    return [pk for _score, _name, pk in sorted(scored)[:SUGGESTIONS]]


def _overlaps(unknown, candidate):
    if not (unknown.first_day and candidate.get("start") and candidate.get("end")):
        return False
    return candidate["start"] <= unknown.last_day and unknown.first_day <= candidate["end"]
