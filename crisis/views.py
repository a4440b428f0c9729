from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisis import selectors, services
from crisis.forms import (
    ActionForm,
    IncidentEditForm,
    IncidentForm,
    PostMortemForm,
    PreventiveActionForm,
    ResponsibilityForm,
    StatementForm,
    TransitionForm,
)
from crisis.models import Incident, PostMortem, WarningRule
from socialcrm import visibility

INCIDENT_TYPE_FOR_RULE = {
    WarningRule.Kind.KPI_BELOW_TARGET: Incident.Type.PERFORMANCE,
    WarningRule.Kind.KPI_DROP: Incident.Type.PERFORMANCE,
    WarningRule.Kind.NEGATIVE_FEEDBACK: Incident.Type.NEGATIVE_FEEDBACK,
    WarningRule.Kind.SLA_BREACHES: Incident.Type.SERVICE,
    WarningRule.Kind.KEY_MILESTONE_OVERDUE: Incident.Type.DELIVERY,
    WarningRule.Kind.BUDGET_OVERSPEND: Incident.Type.BUDGET,
}


@require_GET
def dashboard(request):
    user = request.user
    signals = selectors.open_signals(user)
    incidents = selectors.open_incidents(user)
    return render(request, "crisis/dashboard.html", {
        "signal_counts": selectors.count_by_severity(signals),
        "incident_counts": selectors.count_by_severity(incidents),
        "signals": signals[:50],
        "incidents": incidents[:50],
        "overdue_actions": selectors.overdue_actions(user)[:50],
        "trust_moves": selectors.biggest_trust_moves(user),
        "now": timezone.now(),
        "can_run": visibility.can_run_incidents(user),
    })


@require_GET
def signal_detail(request, pk):
    signal = visibility.get_visible_signal(request.user, pk)
    return render(request, "crisis/signal_detail.html", {
        "signal": signal, "can_run": visibility.can_run_incidents(request.user),
    })


@require_GET
def incident_list(request):
    status = request.GET.get("status", "")
    incidents = selectors.incident_list(request.user, status=status)
    template = "crisis/incident_list.html" + ("#results" if request.htmx else "")
    return render(request, template, {"incidents": incidents[:200], "status": status,
                                      "statuses": Incident.Status.choices})


@require_http_methods(["GET", "POST"])
def incident_create(request):
    user = request.user
    if not visibility.can_run_incidents(user):
        raise PermissionDenied
    signal = _signal_from(request)
    form = IncidentForm(request.POST or None, user=user, initial=_initial_from_signal(signal, user))

    def open_it(data):
        return services.open_incident(user=user, signal=signal, request=request, **data)

    page = {"signal": signal, "heading": _("Open an incident"), "submit": _("Open incident"),
            "back_url": reverse("crisis:dashboard"), "back_label": _("Trust & crisis")}
    return _form_page(request, form, page, open_it, success=_("Incident opened."))


def _form_page(request, form, context, call, *, success, redirect_to=None):
    """A page with one form: on a valid POST run `call(cleaned_data)` and redirect, else show errors."""
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect(redirect_to or result)
    return render(request, "crisis/form_page.html", {"form": form, **context})


def _incident_page(incident, heading, submit):
    return {"incident": incident, "heading": heading, "submit": submit,
            "back_url": incident.get_absolute_url(), "back_label": str(incident)}


def _signal_from(request):
    pk = request.GET.get("signal") or request.POST.get("signal")
    return visibility.get_visible_signal(request.user, pk) if pk else None


def _initial_from_signal(signal, user):
    if signal is None:
        return {"owner": user}
    return {
        "title": signal.display_title[:200], "severity": signal.severity, "owner": user,
        "incident_type": INCIDENT_TYPE_FOR_RULE.get(signal.rule.kind, Incident.Type.OTHER),
        "scope": Incident.Scope.CAMPAIGN if signal.campaign_id else Incident.Scope.ACCOUNT,
        "accounts": [signal.account], "campaigns": [signal.campaign] if signal.campaign_id else [],
        "description": "\n".join(f"{label}: {value}" for (label, value), raw in
                                 zip(signal.evidence_items(), signal.evidence.values(), strict=True)
                                 if not isinstance(raw, dict)),
    }


@require_GET
def incident_detail(request, pk):
    incident = visibility.get_visible_incident(request.user, pk)
    return _render_detail(request, incident)


def _render_detail(request, incident, *, partial="", **forms):
    can_run = visibility.can_run_incidents(request.user)
    postmortem = PostMortem.objects.filter(incident=incident).first()
    context = {
        "incident": incident,
        "can_run": can_run,
        "is_closed": incident.status == Incident.Status.CLOSED,
        "accounts": incident.accounts.all(),
        "campaigns": incident.campaigns.select_related("advertiser"),
        "signals": incident.signals.select_related("rule"),
        "responsibilities": incident.responsibilities.select_related("person"),
        "actions": incident.actions.filter(archived_at__isnull=True).select_related("owner"),
        "statements": incident.statements.select_related("account", "sent_by"),
        "timeline": incident.timeline.select_related("actor"),
        "postmortem": postmortem,
        "preventive_actions": postmortem.preventive_actions.select_related("owner") if postmortem else [],
        "next_statuses": [(code, Incident.Status(code).label) for code in services.TRANSITIONS[incident.status]],
        "today": timezone.localdate(),
    }
    if can_run:
        context.update({
            "transition_form": forms.get("transition_form") or TransitionForm(),
            "action_form": forms.get("action_form") or ActionForm(incident=incident),
            "responsibility_form": forms.get("responsibility_form") or ResponsibilityForm(incident=incident),
            "statement_form": forms.get("statement_form") or StatementForm(incident=incident),
            "preventive_form": forms.get("preventive_form") or PreventiveActionForm(incident=incident),
        })
    template = "crisis/incident_detail.html" + (f"#{partial}" if partial and request.htmx else "")
    return render(request, template, context)


def _runnable_incident(request, pk):
    incident = visibility.get_visible_incident(request.user, pk)
    if not visibility.can_run_incidents(request.user):
        raise PermissionDenied
    return incident


def _submit(request, incident, form, form_name, call, *, success, partial=""):
    """Validate `form`, run the service `call(cleaned_data)`, then redirect or re-render with errors."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if request.htmx and partial:
                return _render_detail(request, incident, partial=partial)
            messages.success(request, success)
            return redirect(incident)
    # 200 with the errors on the page, as Django's own forms do: browsers log 4xx pages as errors.
    return _render_detail(request, incident, partial=partial, **{form_name: form})


@require_http_methods(["GET", "POST"])
def incident_edit(request, pk):
    incident = _runnable_incident(request, pk)
    form = IncidentEditForm(request.POST or None, instance=incident)
    return _form_page(
        request, form, _incident_page(incident, _("Edit incident"), _("Save")),
        lambda data: services.update_incident(user=request.user, incident=form.instance, request=request,
                                              **data),
        success=_("Incident updated."),
    )


@require_POST
def incident_transition(request, pk):
    incident = _runnable_incident(request, pk)
    return _submit(
        request, incident, TransitionForm(request.POST), "transition_form",
        lambda data: services.transition(user=request.user, incident=incident, to_status=data["to_status"],
                                         note=data["note"], request=request),
        success=_("Status changed."),
    )


def _incident_write(form_class, form_name, service, success, *, partial=""):
    """A POST-only view that validates `form_class` and hands its data to `service`."""

    @require_POST
    def view(request, pk):
        incident = _runnable_incident(request, pk)
        return _submit(
            request, incident, form_class(request.POST, incident=incident), form_name,
            lambda data: service(user=request.user, incident=incident, request=request, **data),
            success=success, partial=partial,
        )

    return view


action_add = _incident_write(ActionForm, "action_form", services.add_action, _lazy("Action assigned."),
                             partial="actions")
responsibility_add = _incident_write(ResponsibilityForm, "responsibility_form",
                                     services.assign_responsibility, _lazy("Responsibility recorded."))
statement_add = _incident_write(StatementForm, "statement_form", services.record_statement,
                                _lazy("Statement recorded."))
preventive_add = _incident_write(PreventiveActionForm, "preventive_form", services.add_preventive_action,
                                 _lazy("Preventive action recorded."))


@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action = visibility.get_visible_action(request.user, pk)
    incident = _runnable_incident(request, action.incident_id)
    form = ActionForm(request.POST or None, instance=action, incident=incident)
    return _form_page(
        request, form, _incident_page(incident, _("Edit action"), _("Save")),
        lambda data: services.update_action(user=request.user, action=action, request=request, **data),
        success=_("Action updated."), redirect_to=incident,
    )


@require_POST
def action_done(request, pk):
    action = visibility.get_visible_action(request.user, pk)
    incident = _runnable_incident(request, action.incident_id)
    try:
        services.complete_action(user=request.user, action=action, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        return _render_detail(request, incident, partial="actions")
    return redirect(incident)


@require_http_methods(["GET", "POST"])
def postmortem_edit(request, pk):
    incident = _runnable_incident(request, pk)
    form = PostMortemForm(request.POST or None, instance=PostMortem.objects.filter(incident=incident).first())
    return _form_page(
        request, form, _incident_page(incident, _("Post-mortem"), _("Save the post-mortem")),
        lambda data: services.write_postmortem(user=request.user, incident=incident, request=request,
                                               **data),
        success=_("Post-mortem saved."), redirect_to=incident,
    )


@require_POST
def incident_archive(request, pk):
    incident = _runnable_incident(request, pk)
    try:
        services.archive_incident(user=request.user, incident=incident, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(incident)
    messages.success(request, _("Incident archived."))
    return redirect("crisis:incident_list")
