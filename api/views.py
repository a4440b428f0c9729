"""The JSON API (token-authenticated) and the page where users manage their tokens.

Reads go through the same selectors as the UI, so an integration sees exactly what its user
sees: someone else's object is a 404, a read-only role pushing data a 403.
"""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Platform
from api import serializers, services
from api.forms import TokenForm
from api.http import ApiError, api_view, json_body
from api.openapi import document
from feedback.forms import FeedbackForm
from reports import selectors
from reports.models import Rollup
from reports.periods import PERIODS
from socialcrm.visibility import (
    campaigns_visible_to,
    ensure_can_write,
    get_visible_account,
    get_visible_campaign,
    hidden_publisher_ids,
    publishers_visible_to,
)

PAGE_SIZE, MAX_PAGE_SIZE = 50, 200
MAX_RANGE_DAYS = 731
DIMENSIONS = {
    "advertiser": Rollup.Grain.ADVERTISER, "campaign": Rollup.Grain.CAMPAIGN,
    "publisher": Rollup.Grain.PUBLISHER, "platform": Rollup.Grain.PLATFORM,
}


# Token management (a normal signed-in page) ------------------------------------------------


@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = services.create_token(user=request.user, name=form.cleaned_data["name"],
                                               request=request)
        form = TokenForm()
    context = {"form": form, "secret": secret, "tokens": request.user.api_tokens.all(),
               "api_root": request.build_absolute_uri(reverse("api:campaign_list"))}
    # The new secret is shown in this response only, never stored or redirected with.
    response = render(request, "api/tokens.html", context, status=400 if form.errors else 200)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    services.revoke_token(user=request.user, token=token, request=request)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api:tokens")


# Reads ----------------------------------------------------------------------------------


@api_view("GET")
def campaign_list(request, token):
    campaigns = campaigns_visible_to(token.user).select_related("advertiser").order_by("pk")
    page = _page(request, campaigns)
    return JsonResponse({
        "count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages,
        "page_size": page.paginator.per_page,
        "results": [serializers.campaign_summary(campaign) for campaign in page],
    })


@api_view("GET")
def campaign_detail(request, token, pk):
    campaign = _visible_campaign(token.user, pk)
    return JsonResponse(serializers.campaign_detail(campaign))


@api_view("GET")
def campaign_kpis(request, token, pk):
    campaign = _visible_campaign(token.user, pk)
    default_end = min(campaign.end_on, timezone.localdate())
    start, end = _date_range(request, campaign.start_on, max(default_end, campaign.start_on))
    sums = selectors.campaign_sums([campaign.pk], start, end).get(campaign.pk, {})
    targets = {target.kpi: target for target in campaign.kpi_targets.all()}
    return JsonResponse({
        "campaign": campaign.pk, "currency": campaign.currency, "start": start.isoformat(),
        "end": end.isoformat(), "counters": serializers.counters(sums),
        "kpis": serializers.kpis(sums, targets),
    })


@api_view("GET")
def rollups(request, token):
    """Sums (and KPIs) per period bucket for one dimension, optionally narrowed to one key."""
    dimension = _choice(request, "dimension", DIMENSIONS, default="advertiser")
    grain = _choice(request, "grain", PERIODS, default="day")
    today = timezone.localdate()
    start, end = _date_range(request, today - timedelta(days=29), today)
    key = request.GET.get("key", "").strip()
    rows = _rollup_rows(token.user, dimension, key)
    series = selectors.series(rows, start, end, grain)
    return JsonResponse({
        "dimension": dimension, "key": key or None, "grain": grain, "start": start.isoformat(),
        "end": end.isoformat(), "totals": serializers.counters(selectors.totals(rows, start, end)),
        "series": [{"period_start": bucket.isoformat(), "counters": serializers.counters(sums),
                    "kpis": serializers.kpis(sums)} for bucket, sums in series],
    })


# Pushes ----------------------------------------------------------------------------------


@api_view("POST")
def push_facts(request, token):
    written = services.push_facts(token=token, rows=json_body(request), request=request)
    return JsonResponse({"inserted": written.inserted, "updated": written.updated,
                         "unchanged": written.unchanged}, status=200)


@api_view("POST")
def push_feedback(request, token):
    user = token.user
    ensure_can_write(user)
    data = json_body(request)
    if not isinstance(data, dict):
        raise ApiError(_("Send one feedback item as a JSON object."))
    _require_visible_targets(user, data)
    data.setdefault("received_at", timezone.now())
    form = FeedbackForm(data=data, user=user)
    if not form.is_valid():
        raise ApiError(_("The feedback is invalid."), fields=form.errors.get_json_data())
    fields = {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}
    feedback = services.push_feedback(token=token, fields=fields, request=request)
    return JsonResponse(serializers.feedback(feedback), status=201)


@login_not_required
@require_GET
def openapi(request):
    """Public, so an integrator can read the contract before holding a token."""
    return JsonResponse(document())


# Helpers -----------------------------------------------------------------------------------


def _visible_campaign(user, pk):
    get_visible_campaign(user, pk)  # 404 for someone else's campaign
    publishers = Prefetch("publishers", queryset=publishers_visible_to(user))
    return (campaigns_visible_to(user).select_related("advertiser")
            .prefetch_related(publishers, "kpi_targets").get(pk=pk))


def _page(request, queryset):
    try:
        size = min(max(int(request.GET.get("page_size", PAGE_SIZE)), 1), MAX_PAGE_SIZE)
    except ValueError:
        raise ApiError(_("page_size must be a whole number.")) from None
    try:
        return Paginator(queryset, size).page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        raise ApiError(_("There is no such page."), status=404, code="not_found") from None


def _date_range(request, default_start, default_end):
    start = _date(request, "start", default_start)
    end = _date(request, "end", default_end)
    if start > end:
        raise ApiError(_("start must be on or before end."))
    if (end - start).days >= MAX_RANGE_DAYS:
        raise ApiError(_("A range covers at most %(days)s days.") % {"days": MAX_RANGE_DAYS})
    return start, end


def _date(request, name, default):
    value = request.GET.get(name)
    if not value:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(_("%(name)s must be a date like 2026-10-01.") % {"name": name}) from None


def _choice(request, name, allowed, default):
    value = request.GET.get(name) or default
    if value not in allowed:
        raise ApiError(_("%(name)s must be one of: %(allowed)s.") % {"name": name, "allowed": ", ".join(allowed)})
    return value


def _rollup_rows(user, dimension, key):
    """Rollup rows of the dimension's grain, limited to what the user may see (404 otherwise)."""
    grain = DIMENSIONS[dimension]
    advertiser_ids = selectors.visible_advertiser_ids(user)
    if dimension == "campaign":
        if key:
            campaign = get_visible_campaign(user, key)
            return selectors.rollups(grain, [campaign.advertiser_id]).filter(campaign_id=campaign.pk)
        return selectors.rollups(grain, advertiser_ids).filter(
            campaign_id__in=campaigns_visible_to(user).values("pk"))
    if not key:
        return selectors.rollups(grain, advertiser_ids).exclude(publisher_id__in=hidden_publisher_ids(user))
    if dimension == "platform":
        if key not in Platform.values:
            raise ApiError(_("Unknown platform."))
        return selectors.rollups(grain, advertiser_ids, platform=key)
    pk = _int_key(key)
    if dimension == "advertiser":
        if pk not in advertiser_ids:
            raise Http404
        return selectors.rollups(grain, advertiser_ids, advertiser_id=pk)
    if not publishers_visible_to(user).filter(pk=pk).exists():
        raise Http404
    return selectors.rollups(grain, advertiser_ids, publisher_id=pk)


def _int_key(key):
    if not key.isdigit():
        raise Http404
    return int(key)


def _require_visible_targets(user, data):
    """Someone else's account or campaign is a 404, as everywhere else in the API.

    Values that are not ids at all are left to the form, which reports them as invalid."""
    if _is_id(data.get("account")):
        get_visible_account(user, data["account"])
    if _is_id(data.get("campaign")):
        get_visible_campaign(user, data["campaign"])


def _is_id(value):
    return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, str) and value.isdigit())
