"""The JSON API: django-ninja operations over the app's own selectors and services.

Reads go through the same selectors as the UI, so an integration sees exactly what its user sees:
someone else's object is a 404, a read-only role pushing data a 403. Parameters and answers are
declared in `api.schemas`, from which the OpenAPI document at /api/v1/openapi.json is generated.
"""

from datetime import timedelta

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Body, NinjaAPI, Path, Query, Status

from accounts.models import Platform
from api import schemas, services
from api.auth import BearerToken
from api.errors import ApiError, field_error, install_handlers
from api.schemas import DateRange, Id, Paging, RollupFilters, counters_of, errors, kpis_of
from feedback.forms import FeedbackForm
from reports import selectors
from reports.currencies import reporting_currency
from reports.models import Rollup
from socialcrm.visibility import (
    campaigns_visible_to,
    ensure_can_write,
    get_visible_account,
    get_visible_campaign,
    hidden_publisher_ids,
    publishers_visible_to,
)

MAX_RANGE_DAYS = 731
GRAIN_OF_DIMENSION = {
    "advertiser": Rollup.Grain.ADVERTISER, "campaign": Rollup.Grain.CAMPAIGN,
    "publisher": Rollup.Grain.PUBLISHER, "platform": Rollup.Grain.PLATFORM,
}

api = NinjaAPI(
    title="SocialCRM integration API", version="1.0.0", urls_namespace="api", auth=BearerToken(),
    description="Read campaigns, KPIs and rollups; push daily facts and feedback. Create a token on the "
                "API tokens page and send it as `Authorization: Bearer <token>`. Every error answers "
                '`{"error": {"code": ..., "message": ...}}`.',
    openapi_url="/openapi.json", docs_url=None,
    docs_decorator=login_not_required,  # the contract is public: read it before holding a token
)
install_handlers(api)


# Reads ----------------------------------------------------------------------------------


@api.get("/campaigns/", url_name="campaign_list", operation_id="listCampaigns",
         summary="Campaigns the token's user may see, by id.",
         response={200: schemas.CampaignPage, **schemas.READ_ERRORS})
def campaign_list(request, paging: Query[Paging]):
    campaigns = campaigns_visible_to(request.user).select_related("advertiser").order_by("pk")
    try:
        page = Paginator(campaigns, paging.page_size).page(paging.page)
    except EmptyPage:
        raise ApiError(_("There is no such page."), status=404, code="not_found") from None
    return {"count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages,
            "page_size": page.paginator.per_page, "results": page.object_list}


@api.get("/campaigns/{int:pk}/", url_name="campaign_detail", operation_id="getCampaign",
         summary="One campaign with its publishers and KPI targets.",
         response={200: schemas.CampaignDetail, **schemas.READ_ERRORS})
def campaign_detail(request, pk: Path[Id]):
    return _visible_campaign(request.user, pk)


@api.get("/campaigns/{int:pk}/kpis/", url_name="campaign_kpis", operation_id="getCampaignKpis",
         summary="Summed counters and derived KPIs of a campaign over a date range, against its targets.",
         description="Defaults to the campaign's start until its end or today, whichever is earlier.",
         response={200: schemas.CampaignKpis, **schemas.READ_ERRORS}, exclude_unset=True)
def campaign_kpis(request, pk: Path[Id], dates: Query[DateRange]):
    campaign = _visible_campaign(request.user, pk)
    default_end = min(campaign.end_on, timezone.localdate())
    start, end = _date_range(dates, campaign.start_on, max(default_end, campaign.start_on))
    sums = selectors.campaign_sums([campaign.pk], start, end, own_currency=True).get(campaign.pk, {})
    targets = {target.kpi: target for target in campaign.kpi_targets.all()}
    reach = selectors.platform_reach([campaign.pk], start, end, hidden_publishers=hidden_publisher_ids(request.user))
    return {"campaign": campaign.pk, "currency": campaign.currency, "start": start, "end": end,
            "counters": counters_of(sums), "kpis": kpis_of(sums, targets),
            "platform_reach": [{"publisher": row["publisher_id"], "platform": row["platform_code"],
                                "start_on": row["start_on"], "end_on": row["end_on"], "reach": row["reach"]}
                               for row in reach]}


@api.get("/rollups/", url_name="rollups", operation_id="getRollups",
         summary="Counters and KPIs per day, ISO week or month for one dimension, optionally one key.",
         description="Only advertisers (and campaigns) the token's user may see are summed. "
                     "Defaults to the last 30 days.",
         response={200: schemas.Rollups, **schemas.READ_ERRORS}, exclude_unset=True)
def rollups(request, filters: Query[RollupFilters]):
    today = timezone.localdate()
    start, end = _date_range(filters, today - timedelta(days=29), today)
    key = (filters.key or "").strip()
    rows = _rollup_rows(request.user, filters.dimension, key)
    series = selectors.series(rows, start, end, filters.grain)
    return {
        "dimension": filters.dimension, "key": key or None, "grain": filters.grain, "start": start, "end": end,
        "currency": reporting_currency(), "totals": counters_of(selectors.totals(rows, start, end)),
        "series": [{"period_start": bucket, "counters": counters_of(sums), "kpis": kpis_of(sums)}
                   for bucket, sums in series],
    }


# Pushes ----------------------------------------------------------------------------------


@api.post("/facts/", url_name="push_facts", operation_id="pushFacts",
          summary="Upsert daily facts on (campaign, publisher, platform, day): all rows or none.",
          description="The same validation and upsert as the file import. Counters no row names are left "
                      "untouched; a counter one row names must be in every row. Sending the same rows "
                      "twice changes nothing the second time. Invalid rows answer 400 with `error.rows`.",
          response={200: schemas.FactsWritten, **errors(400, 401, 403, 413)})
def push_facts(request, rows: Body[schemas.FactsIn]):
    written = services.push_facts(token=request.auth, rows=rows, request=request)
    return {"inserted": written.inserted, "updated": written.updated, "unchanged": written.unchanged}


@api.post("/feedback/", url_name="push_feedback", operation_id="pushFeedback",
          summary="Log one feedback item; the owner and SLA deadline are set as in the app.",
          description="Invalid fields answer 400 with `error.fields`; an account or campaign the token's "
                      "user may not see answers 404.",
          response={201: schemas.FeedbackOut, **errors(400, 401, 403, 404)})
def push_feedback(request, payload: Body[schemas.FeedbackPayload]):
    user = request.user
    ensure_can_write(user)
    if not isinstance(payload, dict):
        raise ApiError(_("Send one feedback item as a JSON object."))
    _require_visible_targets(user, payload)
    payload.setdefault("received_at", timezone.now())
    form = FeedbackForm(data=payload, user=user)
    if not form.is_valid():
        raise ApiError(_("The feedback is invalid."), fields=form.errors.get_json_data())
    fields = {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}
    return Status(201, services.push_feedback(token=request.auth, fields=fields, request=request))


# Helpers -----------------------------------------------------------------------------------


def _visible_campaign(user, pk):
    get_visible_campaign(user, pk)  # 404 for someone else's campaign
    publishers = Prefetch("publishers", queryset=publishers_visible_to(user))
    return (campaigns_visible_to(user).select_related("advertiser")
            .prefetch_related(publishers, "kpi_targets").get(pk=pk))


def _date_range(dates, default_start, default_end):
    start = dates.start or default_start
    end = dates.end or default_end
    if start > end:
        raise ApiError(_("start must be on or before end."))
    if (end - start).days >= MAX_RANGE_DAYS:
        raise ApiError(ngettext("A range covers at most %(days)s day.", "A range covers at most %(days)s days.",
                                MAX_RANGE_DAYS) % {"days": MAX_RANGE_DAYS})
    return start, end


def _rollup_rows(user, dimension, key):
    """Rollup rows of the dimension's grain, limited to what the user may see (404 otherwise)."""
    grain = GRAIN_OF_DIMENSION[dimension]
    advertiser_ids = selectors.visible_advertiser_ids(user)
    if dimension == "platform":
        if key and key not in Platform.values:
            raise field_error("key", _("Unknown platform."))
        return selectors.rollups(grain, advertiser_ids, platform=key)
    pk = _key_id(key) if key else None
    if dimension == "campaign":
        if pk is not None:
            campaign = get_visible_campaign(user, pk)
            return selectors.rollups(grain, [campaign.advertiser_id]).filter(campaign_id=campaign.pk)
        return selectors.rollups(grain, advertiser_ids).filter(
            campaign_id__in=campaigns_visible_to(user).values("pk"))
    if pk is None:
        return selectors.rollups(grain, advertiser_ids).exclude(publisher_id__in=hidden_publisher_ids(user))
    if dimension == "advertiser":
        if pk not in advertiser_ids:
            raise Http404
        return selectors.rollups(grain, advertiser_ids, advertiser_id=pk)
    if not publishers_visible_to(user).filter(pk=pk).exists():
        raise Http404
    return selectors.rollups(grain, advertiser_ids, publisher_id=pk)


def _key_id(key):
    pk = schemas.parse_id(key)
    if pk is None:
        raise field_error("key", schemas.not_an_id())
    return pk


def _require_visible_targets(user, data):
    """Someone else's account or campaign is a 404, as everywhere else in the API.

    An id must be a JSON integer or ASCII digits: the form alone would read 1.5 or true as account 1."""
    for name, get_visible in (("account", get_visible_account), ("campaign", get_visible_campaign)):
        if data.get(name) in (None, ""):
            continue
        pk = schemas.parse_id(data[name])
        if pk is None:
            raise field_error(name, schemas.not_an_id())
        get_visible(user, pk)


# The social channel's operations live beside its code (social/api.py).
from social.api import router as social_router  # noqa: E402

api.add_router("/social/", social_router)
