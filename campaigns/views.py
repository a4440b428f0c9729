from collections import defaultdict
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns import (
    charts,
    closing,
    comments,
    compliance,
    ical,
    listing,
    plan_editing,
    plan_templates,
    planning,
    projection,
    review_chain,
    selectors,
    services,
    team,
)
from campaigns.forms import (
    BlockForm,
    CampaignForm,
    CampaignStatusForm,
    CommentForm,
    ComplianceTermForm,
    EndReviewForm,
    GeneratePlanForm,
    MilestoneStatusForm,
    MoveLaunchForm,
    MoveMilestoneForm,
    ReviewForm,
    RiskForm,
    SaveAsTemplateForm,
    TeamMemberForm,
    TemplateForm,
    kpi_formset,
    plan_formset,
    template_step_formset,
    template_steps,
)
from campaigns.models import Campaign, ComplianceTerm, Milestone
from socialcrm import visibility
from socialcrm.attachments import attachment_response
from socialcrm.extensions import campaign_panels
from socialcrm.redirects import next_url
from socialcrm.visibility import get_visible_campaign, publishers_of_campaign

BOARD_COLUMNS = (Milestone.Status.NOT_STARTED, Milestone.Status.IN_PROGRESS,
                 Milestone.Status.IN_REVIEW, Milestone.Status.BLOCKED)


@require_GET
def campaign_list(request):
    status, health = request.GET.get("status", ""), request.GET.get("health", "")
    sort = listing.normal_sort(request.GET.get("sort", ""))
    rows = listing.campaign_rows(request.user, status=status, health=health, sort=sort)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    template = "campaigns/campaign_list.html" + ("#results" if request.htmx else "")
    return render(request, template, {
        "page": page, "status": status, "statuses": Campaign.Status.choices,
        "health": health, "healths": projection.Health.choices, "sort": sort,
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
        "can_edit_client_steps": visibility.can_edit_client_steps(request.user, campaign),
        "can_work": not request.user.is_read_only,
        "milestone_statuses": Milestone.Status.choices,
        "transitions": [Campaign.Status(s) for s in services.allowed_transitions(campaign)
                        if s != Campaign.Status.CANCELLED] if can_edit else [],
        "can_cancel": can_edit and Campaign.Status.CANCELLED in services.allowed_transitions(campaign),
        "generate_form": GeneratePlanForm() if can_edit and not milestones else None,
        "risks": closing.risk_register(campaign),
        "template_form": SaveAsTemplateForm() if can_edit and milestones else None,
        "risk_form": RiskForm(owners=selectors.possible_step_owners(campaign)) if can_edit else None,
        "team": selectors.team_of(campaign),
        "team_form": TeamMemberForm(campaign=campaign) if visibility.can_manage_team(request.user, campaign) else None,
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
    today = timezone.localdate()
    late_starts = plan.late_starts(today) if plan else []
    if request.method == "POST" and plan is not None:
        if late_starts and not form.cleaned_data["confirm_late_start"]:
            form.add_error("confirm_late_start", _("Confirm that the plan may ask for work that "
                                                   "should have started already."))
        else:
            save(form.cleaned_data[field])
            messages.success(request, _("Plan updated."))
            return redirect(campaign)
    template = "campaigns/plan_move.html" + ("#preview" if request.htmx else "")
    return render(request, template, {
        **context, "campaign": campaign, "form": form, "plan": plan, "today": today,
        "late_starts": late_starts,
    })


@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    """The plan editor: POST previews the edited plan; POST with action=save saves it."""
    campaign = get_visible_campaign(request.user, pk)
    if not visibility.can_edit_client_steps(request.user, campaign):
        raise PermissionDenied
    saved = list(selectors.plan_of_campaign(campaign))
    owners = {user.pk: user for user in selectors.possible_step_owners(campaign)}
    owners.update({milestone.owner_id: milestone.owner for milestone in saved})
    formset = plan_formset(request.POST or None, rows=plan_editing.rows_of(saved), owners=owners.values())
    plan, refusals = None, []
    if request.method == "POST" and formset.is_valid():
        entries = [form.cleaned_data for form in formset.forms
                   if form.cleaned_data.get("milestone") or form.has_changed()]
        try:
            rows = plan_editing.rows_from(entries, saved)
            if request.POST.get("action") == "save":
                plan_editing.edit_plan(actor=request.user, campaign=campaign, rows=rows, request=request)
                messages.success(request, _("Plan saved and re-planned backwards from the launch."))
                return redirect(campaign)
            plan = plan_editing.preview(rows, campaign=campaign, actor=request.user)
        except ValidationError as error:
            refusals = error.messages
    return render(request, "campaigns/plan_edit.html", {
        "campaign": campaign, "formset": formset, "plan": plan, "refusals": refusals,
        "today": timezone.localdate(),
        "full_edit": visibility.can_edit_plan(request.user, campaign),
    })


@require_POST
def milestone_status(request, pk):
    milestone = visibility.get_workable_milestone(request.user, pk)
    _form_action(request, MilestoneStatusForm(request.POST), _("Unknown status."), lambda data: (
        services.change_milestone_status(actor=request.user, milestone=milestone, status=data["status"],
                                         blocked_reason=data["blocked_reason"], request=request)))
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
    initial = {"reviewer": request.user.get_full_name() or request.user.username}
    if request.POST.get("action") == "check":  # show the flags; decide nothing yet
        form = ReviewForm(initial={**initial, **request.POST.dict()}, stage=milestone.review_stage)
    else:
        form = ReviewForm(request.POST or None, initial=initial, stage=milestone.review_stage)
    if form.is_bound and form.is_valid():
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
    sent_back_to = review_chain.sent_back_to(milestone, milestones)
    drafts = list(selectors.pending_drafts(milestone))
    return render(request, "campaigns/milestone_review.html", {
        "drafts": drafts,
        "draft_flags": compliance.merge_flags(
            [compliance.Flag.from_json(flag) for flag in draft.flags] for draft in drafts),
        **_comment_context(request, milestone),
        "waiting": review_chain.refusals(milestone, "", milestones) if milestone.is_open else [],
        "milestone": milestone, "campaign": milestone.campaign, "form": form,
        "reviews": milestone.reviews.select_related("recorded_by", "reworked_milestone", "decided_by_contact"),
        "sent_back_to": sent_back_to,
        "client_contacts": (milestone.campaign.advertiser.contacts.filter(archived_at__isnull=True)
                            if milestone.review_stage == "client" and milestone.is_open
                            and visibility.can_send_review_link(request.user, milestone) else []),
        "flags": compliance.check_copy(request.POST.get("copy_text", "")) if request.method == "POST" else [],
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
    weeks = defaultdict(lambda: {status: [] for status in BOARD_COLUMNS})
    milestones = list(selectors.board_milestones(request.user))
    campaigns = {m.campaign_id: m.campaign for m in milestones}
    projection.attach_projections(campaigns.values(), today=today)
    forecasts = {f.milestone.pk: f for c in campaigns.values() if c.projection for f in c.projection.steps}
    editable = set(selectors.campaigns_editable_by(request.user).filter(pk__in=campaigns)
                   .values_list("pk", flat=True))
    for milestone in milestones:
        milestone.campaign = campaigns[milestone.campaign_id]
        milestone.forecast = forecasts.get(milestone.pk)
        milestone.can_move = milestone.campaign_id in editable
        week = milestone.due_on - timedelta(days=milestone.due_on.weekday())
        weeks[week][milestone.status].append(milestone)
    columns = [(status, Milestone.Status(status).label) for status in BOARD_COLUMNS]
    rows = [{"week": week, "is_past": week + timedelta(days=6) < today,
             "cells": [weeks[week][status] for status, _label in columns]}
            for week in sorted(weeks)]
    return {"rows": rows, "columns": columns, "today": today, "statuses": Milestone.Status.choices}


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


@require_POST
def risk_add(request, pk):
    campaign = selectors.get_editable_campaign(request.user, pk)
    form = RiskForm(request.POST, owners=selectors.possible_step_owners(campaign))
    if form.is_valid():
        closing.add_risk(actor=request.user, campaign=campaign, fields=form.cleaned_data, request=request)
        messages.success(request, _("Risk added to the register."))
    else:
        messages.error(request, " ".join(f"{form.fields[name].label}: {' '.join(errors)}"
                                         for name, errors in form.errors.items()))
    return redirect(f"{campaign.get_absolute_url()}#risks")


@require_POST
def risk_archive(request, pk):
    risk = selectors.get_visible_risk(request.user, pk)
    selectors.get_editable_campaign(request.user, risk.campaign_id)
    closing.archive_risk(actor=request.user, risk=risk, request=request)
    messages.success(request, _("Risk archived."))
    return redirect(f"{risk.campaign.get_absolute_url()}#risks")


@require_http_methods(["GET", "POST"])
def end_review(request, pk):
    campaign = selectors.get_editable_campaign(request.user, pk)
    form = EndReviewForm(request.POST or None, instance=getattr(campaign, "end_review", None))
    if request.method == "POST" and form.is_valid():
        closing.write_end_review(actor=request.user, campaign=campaign, fields=form.cleaned_data,
                                 request=request)
        messages.success(request, _("End-of-campaign review saved."))
        return redirect(campaign)
    return render(request, "campaigns/end_review.html", {
        "campaign": campaign, "form": form, "targets": campaign.kpi_targets.all(),
        "projection": projection.project_campaign(campaign),
    })


@require_GET
def template_list(request):
    if not visibility.can_create_campaign(request.user):
        raise PermissionDenied
    templates = selectors.plan_templates().select_related("created_by")
    return render(request, "campaigns/template_list.html", {
        "templates": [(t, visibility.can_manage_template(request.user, t)) for t in templates],
    })


@require_POST
def template_save(request, pk):
    campaign = selectors.get_editable_campaign(request.user, pk)
    form = SaveAsTemplateForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the template a name."))
        template = plan_templates.save_plan_as_template(actor=request.user, campaign=campaign,
                                                        request=request, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(campaign)
    messages.success(request, _("Plan saved as the template “%(name)s”.") % {"name": template.name})
    return redirect("campaigns:template_list")


@require_POST
def template_archive(request, pk):
    template = selectors.get_active_template(pk)
    if not visibility.can_manage_template(request.user, template):
        raise Http404  # someone else's template: as if it did not exist
    try:
        plan_templates.archive_template(actor=request.user, template=template, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Template archived."))
    return redirect("campaigns:template_list")


# Team ---------------------------------------------------------------------------------------


@require_POST
def team_add(request, pk):
    campaign = get_visible_campaign(request.user, pk)
    if not visibility.can_manage_team(request.user, campaign):
        raise PermissionDenied
    form = TeamMemberForm(request.POST, campaign=campaign)
    done = _form_action(request, form, _("Choose a colleague and their role."), lambda data: (
        team.add_member(actor=request.user, campaign=campaign, user=data["user"], role=data["role"],
                        request=request)))
    if done:
        messages.success(request, _("%(person)s joined the team.") % {"person": form.cleaned_data["user"]})
    return redirect(f"{campaign.get_absolute_url()}#team")


@require_POST
def team_remove(request, pk):
    member = visibility.get_visible_team_member(request.user, pk)
    if not visibility.can_manage_team(request.user, member.campaign):
        raise PermissionDenied
    team.remove_member(actor=request.user, member=member, request=request)
    messages.success(request, _("%(person)s left the team.") % {"person": member.user})
    return redirect(f"{member.campaign.get_absolute_url()}#team")


# Steps: page, blocking, comments and files -----------------------------------------------------


def _comment_context(request, milestone):
    can_comment = visibility.can_comment_on(request.user, milestone.campaign)
    return {
        "comments": selectors.comments_on(milestone),
        "comment_form": CommentForm() if can_comment else None,
        "mentionable": visibility.staff_who_see_campaign(milestone.campaign) if can_comment else (),
        "max_upload_mb": comments.max_upload_megabytes(),
        "can_edit": visibility.can_edit_campaign(request.user, milestone.campaign),
    }


@require_GET
def milestone_detail(request, pk):
    milestone = visibility.get_visible_milestone(request.user, pk)
    forecast = projection.project_campaign(milestone.campaign)
    return render(request, "campaigns/milestone_detail.html", {
        "milestone": milestone, "campaign": milestone.campaign,
        "forecast": forecast.for_milestone(milestone.pk) if forecast else None,
        "projection": forecast,
        "can_work": visibility.can_work_on_milestone(request.user, milestone),
        "block_form": BlockForm(initial={"blocked_reason": milestone.blocked_reason}),
        "milestone_statuses": Milestone.Status.choices,
        **_comment_context(request, milestone),
    })


@require_POST
def comment_add(request, pk):
    milestone = visibility.get_visible_milestone(request.user, pk)
    if not visibility.can_comment_on(request.user, milestone.campaign):
        raise PermissionDenied
    form = CommentForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError([message for errors in form.errors.values() for message in errors])
        comments.post_comment(actor=request.user, milestone=milestone, body=form.cleaned_data["body"],
                              upload=form.cleaned_data["attachment"], request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Comment added."))
    return redirect(next_url(request, reverse("campaigns:milestone_detail", args=[milestone.pk])))


@require_GET
def comment_file(request, pk):
    return attachment_response(visibility.get_visible_comment(request.user, pk).attachment)


@require_POST
def comment_archive(request, pk):
    comment = visibility.get_visible_comment(request.user, pk)
    comments.archive_comment(actor=request.user, comment=comment, request=request)
    messages.success(request, _("Comment archived."))
    return redirect(next_url(request, reverse("campaigns:milestone_detail", args=[comment.milestone_id])))


# Plan templates ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def template_create(request):
    if not visibility.can_create_campaign(request.user):
        raise PermissionDenied
    return _template_form(request, None)


@require_http_methods(["GET", "POST"])
def template_edit(request, pk):
    template = selectors.get_active_template(pk)
    if not visibility.can_manage_template(request.user, template):
        raise Http404  # someone else's template: as if it did not exist
    return _template_form(request, template)


def _template_form(request, template):
    initial = {"name": template.name, "description": template.description} if template else {}
    form = TemplateForm(request.POST or None, initial=initial)
    steps = template_step_formset(request.POST or None, plan_templates.steps_of(template) if template else ())
    refusals = []
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        try:
            saved = plan_templates.save_template(actor=request.user, template=template,
                                                 steps=template_steps(steps), request=request,
                                                 **form.cleaned_data)
        except ValidationError as error:
            refusals = error.messages
        else:
            messages.success(request, _("Template “%(name)s” saved.") % {"name": saved.name})
            return redirect("campaigns:template_list")
    return render(request, "campaigns/template_form.html", {
        "template": template, "form": form, "steps": steps, "refusals": refusals})


# Compliance terms -------------------------------------------------------------------------------


def _require_term_manager(user):
    if not visibility.can_manage_compliance_terms(user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def compliance_terms(request):
    _require_term_manager(request.user)
    form = ComplianceTermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        compliance.save_term(actor=request.user, term=form.save(commit=False), request=request)
        messages.success(request, _("Term “%(term)s” added.") % {"term": form.instance.term})
        return redirect("campaigns:compliance_terms")
    return render(request, "campaigns/compliance_terms.html", {
        "terms": ComplianceTerm.objects.all(), "form": form})


@require_http_methods(["GET", "POST"])
def compliance_term_edit(request, pk):
    _require_term_manager(request.user)
    term = get_object_or_404(ComplianceTerm, pk=pk)
    form = ComplianceTermForm(request.POST or None, instance=term)
    if request.method == "POST" and form.is_valid():
        compliance.save_term(actor=request.user, term=form.save(commit=False), request=request)
        messages.success(request, _("Term “%(term)s” saved.") % {"term": form.instance.term})
        return redirect("campaigns:compliance_terms")
    return render(request, "campaigns/compliance_term_form.html", {"term": term, "form": form})
