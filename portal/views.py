"""The partner portal: what a partner user sees of its organisation, and the pages its signed
links open. Every object is looked up through socialcrm.visibility; staff get 403 here (their
pages are elsewhere), and partner users get 403 everywhere else (portal.middleware)."""

import csv
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import ActionItem
from audit.services import record
from campaigns import services as campaign_services
from campaigns.projection import attach_projections
from feedback.throttle import allow_submission
from outbox.mail import messages_about
from portal import numbers, services
from portal.forms import ClientDecisionForm, PeriodForm, SetPasswordForm, SignInLinkForm
from portal.models import AccessLink
from reports.periods import MONTH, period_end, period_start
from socialcrm.client_ip import client_ip
from socialcrm.visibility import (
    campaigns_visible_to,
    client_reviews_for,
    ensure_partner,
    get_client_review_for,
    get_partner_action_item,
    get_portal_campaign,
    get_portal_feedback,
    partner_action_items,
    portal_feedback_of,
    replies_addressed_to_partner,
    statements_for_partner,
)

NEXT_MILESTONES = 3
REPORT_MONTHS = 12
AUTH_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _campaigns(user):
    return attach_projections(campaigns_visible_to(user).select_related("advertiser").order_by("-launch_on", "name"))


def _next_steps(campaign):
    if campaign.projection is None:
        return []
    return [step for step in campaign.projection.steps if step.milestone.is_open][:NEXT_MILESTONES]


def _progress(campaign):
    steps = campaign.projection.steps if campaign.projection else []
    done = sum(1 for step in steps if not step.milestone.is_open)
    return {"done": done, "total": len(steps), "percent": round(100 * done / len(steps)) if steps else 0}


@require_GET
def home(request):
    ensure_partner(request.user)
    campaigns = _campaigns(request.user)
    rows = [{"campaign": c, "progress": _progress(c), "next": _next_steps(c)} for c in campaigns]
    return render(request, "portal/home.html", {
        "rows": rows,
        "reviews": client_reviews_for(request.user).exclude(status="done").select_related("campaign"),
        "actions": partner_action_items(request.user).filter(done_at__isnull=True)[:5],
    })


@require_GET
def campaign_detail(request, pk):
    ensure_partner(request.user)
    campaign = get_portal_campaign(request.user, pk)
    campaign = attach_projections([campaign])[0]
    form = PeriodForm(request.GET or None)
    start, end = form.period(campaign)
    is_advertiser = campaign.advertiser_id == request.user.organisation_id
    return render(request, "portal/campaign_detail.html", {
        "campaign": campaign, "form": form, "start": start, "end": end, "progress": _progress(campaign),
        "steps": campaign.projection.steps if campaign.projection else [],
        "numbers": numbers.campaign_numbers(request.user, campaign, start, end),
        "is_advertiser": is_advertiser,
        "reviews": client_reviews_for(request.user).filter(campaign=campaign) if is_advertiser else [],
    })


@require_http_methods(["GET", "POST"])
def review_decide(request, pk):
    ensure_partner(request.user)
    milestone = get_client_review_for(request.user, pk)
    return _decision_page(request, milestone, contact=request.user.contact, actor=request.user)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def review_by_link(request, token):
    """The same decision page, for a contact without an account, behind a signed expiring link."""
    link = AccessLink.from_token(token, AccessLink.Purpose.REVIEW)
    if link is None or link.milestone is None or link.created_by is None:
        return render(request, "portal/link_gone.html", status=410)
    return _decision_page(request, link.milestone, contact=link.contact, actor=link.created_by, link=link)


def _decision_page(request, milestone, *, contact, actor, link=None):
    form = ClientDecisionForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    decided = milestone.reviews.select_related("decided_by_contact").order_by("-decided_at", "-pk")
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                campaign_services.record_client_decision(
                    actor=actor, contact=contact, milestone=milestone, decision=form.cleaned_data["decision"],
                    comments=form.cleaned_data["comments"], attachment=form.cleaned_data["attachment"],
                    request=request)
                if link is not None:
                    AccessLink.objects.filter(pk=link.pk).update(used_at=timezone.now())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Thank you: your decision is recorded."))
            if link is not None:
                return render(request, "portal/decision_thanks.html", {"milestone": milestone})
            return redirect("portal:campaign_detail", milestone.campaign_id)
    return render(request, "portal/review_decide.html", {
        "milestone": milestone, "campaign": milestone.campaign, "form": form, "decided": decided,
        "by_link": link is not None}, status=400 if form.errors else 200)


def _months(today):
    first = period_start(MONTH, today)
    months = []
    for _i in range(REPORT_MONTHS):
        first = period_start(MONTH, first - timedelta(days=1))
        months.append(first)
    return months


@require_GET
def report_list(request):
    ensure_partner(request.user)
    return render(request, "portal/report_list.html", {"months": _months(timezone.localdate())})


def _report(request, year, month):
    ensure_partner(request.user)
    try:
        start = date(year, month, 1)
    except (ValueError, OverflowError):
        raise Http404 from None
    end = period_end(MONTH, start)
    campaigns = [c for c in campaigns_visible_to(request.user).select_related("advertiser")
                 if c.start_on <= end and c.end_on >= start]
    rows = [{"campaign": c, "numbers": numbers.campaign_numbers(request.user, c, start, end)} for c in campaigns]
    return {"start": start, "end": end, "rows": rows,
            "feedback": portal_feedback_of(request.user).filter(received_at__date__range=(start, end)).count()}


@require_GET
def report_detail(request, year, month):
    return render(request, "portal/report_detail.html", _report(request, year, month))


REPORT_COLUMNS = ("impressions", "clicks", "conversions", "spend", "revenue", "ctr", "cpc", "cpa", "roi", "roas")


@require_GET
def report_download(request, year, month):
    report = _report(request, year, month)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="report-{report["start"]:%Y-%m}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Campaign"), _("Currency"), *REPORT_COLUMNS])
    for row in report["rows"]:
        figures = {**row["numbers"]["sums"], **row["numbers"]["kpis"]}
        writer.writerow([_safe(row["campaign"].name), row["numbers"]["currency"],
                         *[figures.get(name, "") if figures.get(name) is not None else "" for name in REPORT_COLUMNS]])
    return response


def _safe(text):
    """No cell a spreadsheet would run as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


@require_GET
def feedback_list(request):
    ensure_partner(request.user)
    return render(request, "portal/feedback_list.html", {
        "feedback": portal_feedback_of(request.user).select_related("campaign").order_by("-received_at")})


@require_GET
def feedback_detail(request, pk):
    ensure_partner(request.user)
    feedback = get_portal_feedback(request.user, pk)
    replies = [(reply, messages_about(reply).first()) for reply in replies_addressed_to_partner(feedback)]
    return render(request, "portal/feedback_detail.html", {"feedback": feedback, "replies": replies})


@require_GET
def statement_list(request):
    ensure_partner(request.user)
    return render(request, "portal/statement_list.html", {
        "statements": statements_for_partner(request.user).select_related("incident").order_by("-sent_at")})


@require_GET
def action_list(request):
    ensure_partner(request.user)
    return render(request, "portal/action_list.html", {"items": partner_action_items(request.user)})


@require_POST
def action_done(request, pk):
    ensure_partner(request.user)
    item = get_partner_action_item(request.user, pk)
    if item.done_at is None:
        with transaction.atomic():
            ActionItem.objects.filter(pk=item.pk).update(done_at=timezone.now())
            record(actor=request.user, action="accounts.action_item.completed", target=item, request=request,
                   changes={"by_partner_contact": request.user.contact_id})
        messages.success(request, _("Marked as done."))
    return redirect("portal:action_list")


# Signing in ----------------------------------------------------------------------------------


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    link = AccessLink.from_token(token, AccessLink.Purpose.INVITATION)
    if link is None or getattr(link.contact, "portal_user", None) is None:
        return render(request, "portal/link_gone.html", status=410)
    user = link.contact.portal_user
    form = SetPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(link=link, password=form.cleaned_data["password"], request=request)
        except ValidationError:
            return render(request, "portal/link_gone.html", status=410)
        login(request, user, backend=AUTH_BACKEND)
        return redirect("portal:home")
    return render(request, "portal/accept_invitation.html", {"form": form, "contact": link.contact},
                  status=400 if form.errors else 200)


@login_not_required
@require_http_methods(["GET", "POST"])
def sign_in_link(request):
    form = SignInLinkForm(request.POST or None)
    if request.method == "POST":
        if not allow_submission(client_ip(request)):
            return render(request, "feedback/too_many.html", status=429)
        if form.is_valid():
            services.send_sign_in_link(email=form.cleaned_data["email"], request=request)
            return render(request, "portal/sign_in_link_sent.html")
    return render(request, "portal/sign_in_link.html", {"form": form}, status=400 if form.errors else 200)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_with_link(request, token):
    """GET asks to confirm (a mail scanner opening the link must not use it up); POST signs in."""
    link = AccessLink.from_token(token, AccessLink.Purpose.SIGN_IN)
    if link is not None and request.method == "GET":
        return render(request, "portal/sign_in_confirm.html")
    user = services.use_sign_in_link(link=link, request=request) if link is not None else None
    if user is None:
        return render(request, "portal/link_gone.html", status=410)
    login(request, user, backend=AUTH_BACKEND)
    return redirect("portal:home")
