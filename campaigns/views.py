from collections import defaultdict
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns import charts, ical, planning, selectors, services
from campaigns.forms import (
    CampaignForm,
    CampaignStatusForm,
    GeneratePlanForm,
    MilestoneStatusForm,
    MoveLaunchForm,
    MoveMilestoneForm,
    ReviewForm,
    kpi_formset,
)
from campaigns.models import Campaign, Milestone
from socialcrm import visibility
from socialcrm.extensions import campaign_panels
from socialcrm.redirects import next_url
from socialcrm.visibility import campaigns_visible_to, get_visible_campaign, publishers_of_campaign

BOARD_COLUMNS = (Milestone.Status.NOT_STARTED, Milestone.Status.IN_PROGRESS,
                 Milestone.Status.IN_REVIEW, Milestone.Status.BLOCKED)


@require_GET
def campaign_list(request):
    campaigns = campaigns_visible_to(request.user).filter(archived_at__isnull=True)
    status = request.GET.get("status", "")
    if status in Campaign.Status.values:
        campaigns = campaigns.filter(status=status)
    campaigns = campaigns.select_related("advertiser", "project_lead").order_by("-launch_on")
    page = Paginator(campaigns, 25).get_page(request.GET.get("page"))
    template = "campaigns/campaign_list.html" + ("#results" if request.htmx else "")
    return render(request, template, {
        "page": page, "status": status, "statuses": Campaign.Status.choices,
        "can_create": visibility.can_create_campaign(request.user),
    })


@require_GET
def campaign_detail(request, pk):
    campaign = get_visible_campaign(request.user, pk)
    milestones = list(selectors.plan_of_campaign(campaign))
    plan = planning.plan_of(campaign, milestones)
    today = timezone.localdate()
    can_edit = visibility.can_edit_campaign(request.user, campaign)
    return render(request, "campaigns/campaign_detail.html", {
        "campaign": campaign,
        "publishers": publishers_of_campaign(request.user, campaign),
        "targets": campaign.kpi_targets.all(),
        "panels": campaign_panels(request, campaign),
        "plan": plan,
        "today": today,
        "warning_days": selectors.warning_days(),
        "timeline": charts.timeline_figure(campaign, plan.rows, today) if plan.rows else None,
        "can_edit": can_edit,
        "can_work": not request.user.is_read_only,
        "milestone_statuses": Milestone.Status.choices,
        "transitions": [Campaign.Status(s) for s in services.allowed_transitions(campaign)] if can_edit else [],
        "generate_form": GeneratePlanForm() if can_edit and not milestones else None,
    })


@require_http_methods(["GET", "POST"])
def campaign_create(request):
    if not visibility.can_create_campaign(request.user):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, user=request.user)
    targets = kpi_formset(request.POST or None)
    if request.method == "POST" and form.is_valid() and targets.is_valid():
        try:
            campaign = services.create_campaign(
                actor=request.user, fields=form.campaign_fields(),
                publishers=form.cleaned_data["publishers"], targets=targets.targets(),
                template=form.cleaned_data.get("plan_template"), request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Campaign created."))
            return redirect(campaign)
    return render(request, "campaigns/campaign_form.html", {"form": form, "targets": targets})


@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk):
    campaign = visibility.get_editable_campaign(request.user, pk)
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    targets = kpi_formset(request.POST or None, campaign=campaign, blank_rows=2)
    if request.method == "POST" and form.is_valid() and targets.is_valid():
        try:
            services.update_campaign(
                actor=request.user, campaign=Campaign.objects.get(pk=campaign.pk),
                fields=form.campaign_fields(), publishers=form.cleaned_data["publishers"],
                targets=targets.targets(), request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Campaign saved."))
            return redirect(campaign)
    return render(request, "campaigns/campaign_form.html",
                  {"form": form, "targets": targets, "campaign": campaign})


@require_POST
def campaign_status(request, pk):
    campaign = visibility.get_editable_campaign(request.user, pk)
    done = _form_action(request, CampaignStatusForm(request.POST), _("Unknown status."), lambda data: (
        services.change_campaign_status(actor=request.user, campaign=campaign, status=data["status"],
                                        request=request)))
    if done:
        messages.success(request, _("Status changed to %(status)s.") % {"status": campaign.get_status_display()})
    return redirect(campaign)


@require_POST
def plan_generate(request, pk):
    campaign = visibility.get_editable_campaign(request.user, pk)
    done = _form_action(request, GeneratePlanForm(request.POST), _("Choose a plan template."), lambda data: (
        services.generate_plan(actor=request.user, campaign=campaign, template=data["template"],
                               request=request)))
    if done:
        messages.success(request, _("Plan scheduled backwards from the launch date."))
    return redirect(campaign)


def _form_action(request, form, invalid_message, action):
    """Run `action(cleaned_data)` for a valid POST form; a refusal becomes an error message."""
    try:
        if not form.is_valid():
            raise ValidationError(invalid_message)
        action(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    return True


@require_http_methods(["GET", "POST"])
def launch_move(request, pk):
    campaign = visibility.get_editable_campaign(request.user, pk)

    def preview(date):
        return planning.preview_launch_move(campaign, date)

    def save(date):
        services.move_launch(actor=request.user, campaign=campaign, launch_on=date, request=request)

    return _plan_move(request, campaign, MoveLaunchForm, "launch_on", preview, save, {
        "title": _("Move the launch of %(campaign)s") % {"campaign": campaign},
        "current": campaign.launch_on,
    })


@require_http_methods(["GET", "POST"])
def milestone_move(request, pk):
    milestone = visibility.get_visible_milestone(request.user, pk)
    campaign = visibility.get_editable_campaign(request.user, milestone.campaign_id)

    def preview(date):
        return planning.preview_milestone_move(milestone, date)

    def save(date):
        services.move_milestone(actor=request.user, milestone=milestone, due_on=date, request=request)

    return _plan_move(request, campaign, MoveMilestoneForm, "due_on", preview, save, {
        "title": _("Move “%(step)s”") % {"step": milestone.name},
        "current": milestone.due_on, "milestone": milestone,
    })


def _plan_move(request, campaign, form_class, field, preview, save, context):
    """GET with a date shows what would move (the HTMX preview); POST saves the same change."""
    data = request.POST if request.method == "POST" else (request.GET if field in request.GET else None)
    form = form_class(data, initial={field: context["current"]})
    plan = preview(form.cleaned_data[field]) if data is not None and form.is_valid() else None
    if request.method == "POST" and plan is not None:
        save(form.cleaned_data[field])
        messages.success(request, _("Plan updated."))
        return redirect(campaign)
    today = timezone.localdate()
    template = "campaigns/plan_move.html" + ("#preview" if request.htmx else "")
    return render(request, template, {
        **context, "campaign": campaign, "form": form, "plan": plan, "today": today,
        "late_starts": plan.late_starts(today) if plan else [],
    })


@require_POST
def milestone_status(request, pk):
    milestone = visibility.get_workable_milestone(request.user, pk)
    _form_action(request, MilestoneStatusForm(request.POST), _("Unknown status."), lambda data: (
        services.change_milestone_status(actor=request.user, milestone=milestone, status=data["status"],
                                         request=request)))
    if request.htmx and request.POST.get("from") == "board":
        return render(request, "campaigns/board.html#board", _board_context(request))
    return redirect(next_url(request, milestone.campaign))


@require_http_methods(["GET", "POST"])
def milestone_review(request, pk):
    milestone = visibility.get_visible_milestone(request.user, pk)
    if not milestone.is_review:
        raise PermissionDenied
    if request.method == "POST" and not visibility.can_work_on_milestone(request.user, milestone):
        raise PermissionDenied
    form = ReviewForm(request.POST or None, initial={"reviewer": request.user.get_full_name() or request.user.username})
    if request.method == "POST" and form.is_valid():
        try:
            review = services.record_review(actor=request.user, milestone=milestone, **form.cleaned_data,
                                            request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if review.sends_work_back:
                messages.warning(request, _("Work sent back to “%(step)s”; the plan moved.") % {
                    "step": review.reworked_milestone.name})
            else:
                messages.success(request, _("Approval recorded."))
            return redirect(milestone.campaign)
    milestones = list(selectors.plan_of_campaign(milestone.campaign))
    sent_back_to = planning.step_sent_back_to(milestone, milestones)
    return render(request, "campaigns/milestone_review.html", {
        "milestone": milestone, "campaign": milestone.campaign, "form": form,
        "reviews": milestone.reviews.select_related("recorded_by", "reworked_milestone"),
        "sent_back_to": sent_back_to,
        "can_work": visibility.can_work_on_milestone(request.user, milestone),
    })


@require_GET
def board(request):
    if request.user.is_read_only:
        raise PermissionDenied
    template = "campaigns/board.html" + ("#board" if request.htmx else "")
    return render(request, template, _board_context(request))


def _board_context(request):
    today = timezone.localdate()
    window = _warning_window(request)
    weeks = defaultdict(lambda: {status: [] for status in BOARD_COLUMNS})
    for milestone in selectors.board_milestones(request.user):
        milestone.overdue = milestone.is_overdue(today)
        milestone.at_risk = milestone.is_at_risk(today, window)
        week = milestone.due_on - timedelta(days=milestone.due_on.weekday())
        weeks[week][milestone.status].append(milestone)
    columns = [(status, Milestone.Status(status).label) for status in BOARD_COLUMNS]
    rows = [{"week": week, "is_past": week + timedelta(days=6) < today,
             "cells": [weeks[week][status] for status, _label in columns]}
            for week in sorted(weeks)]
    return {"rows": rows, "columns": columns, "today": today, "window": window,
            "statuses": Milestone.Status.choices}


def _warning_window(request):
    try:
        return max(0, min(int(request.GET.get("window", "")), 60))
    except ValueError:
        return selectors.warning_days()


@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    if request.method == "POST":
        services.regenerate_calendar_token(actor=request.user, request=request)
        messages.success(request, _("New calendar link created; the old one no longer works."))
        return redirect("campaigns:calendar")
    feed = services.calendar_feed_of(request.user)
    url = request.build_absolute_uri(reverse("campaigns:calendar_feed", args=[feed.token]))
    return render(request, "campaigns/calendar.html", {"feed_url": url, "feed": feed})


@login_not_required
@require_GET
def calendar_feed(request, token):
    user = selectors.calendar_owner(token)
    response = HttpResponse(ical.feed_for(user, timezone.localdate()), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="socialcrm.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response

