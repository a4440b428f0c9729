from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.selectors import history_of
from audit.services import record
from feedback import analytics, charts, services
from feedback.forms import (
    FeedbackForm,
    ImportForm,
    InboxFilterForm,
    LinkForm,
    PartnerFeedbackForm,
    RedactionForm,
    ReplyForm,
    SentimentForm,
    StatusForm,
    TriageForm,
)
from feedback.imports import import_feedback_csv
from feedback.models import Feedback, FeedbackLink
from feedback.selectors import get_link_by_token, inbox_items, thread_of
from feedback.throttle import allow_submission
from socialcrm.client_ip import client_ip
from socialcrm.exports import csv_response
from socialcrm.redirects import next_url
from socialcrm.uploads import UploadError
from socialcrm.visibility import (
    can_send_links_for,
    ensure_can_redact,
    ensure_can_write,
    feedback_visible_to,
    get_visible_account,
    get_visible_feedback,
    get_writable_feedback,
)

PAGE_SIZE = 30
DASHBOARD_DAYS = 365


@require_GET
def inbox(request):
    filter_form = InboxFilterForm(request.GET or None, user=request.user)
    feedback = inbox_items(request.user, filter_form.filters())
    page = Paginator(feedback, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "feedback/inbox.html" + ("#results" if request.htmx else "")
    return render(request, template, {"filter_form": filter_form, "page": page, "now": timezone.now(),
                                      "can_write": not request.user.is_read_only})


@require_GET
def inbox_export(request):
    filter_form = InboxFilterForm(request.GET or None, user=request.user)
    feedback = inbox_items(request.user, filter_form.filters())
    header = ["id", "received_at", "source", "account", "channel", "campaign", "kind", "rating", "nps",
              "sentiment", "priority", "status", "owner", "respond_by", "first_response_at",
              "resolved_at", "sla_breached_at", "text"]
    rows = ([f.pk, f.received_at, f.source, f.account and f.account.name, f.channel,
             f.campaign and f.campaign.name, f.kind, f.rating, f.nps, f.sentiment, f.priority, f.status,
             f.owner and str(f.owner), f.respond_by, f.first_response_at, f.resolved_at,
             f.sla_breached_at, f.text] for f in feedback.iterator(chunk_size=2000))
    record(actor=request.user, action="feedback.exported", changes={"filters": request.GET.dict()},
           request=request)
    return csv_response("feedback.csv", header, rows)


@require_POST
def quick_action(request, pk):
    """Inbox row buttons: acknowledge, or take ownership."""
    feedback = get_writable_feedback(request.user, pk)
    action = request.POST.get("action")
    if action not in ("take", "acknowledge"):
        return HttpResponseBadRequest(_("Unknown action."))
    try:
        if action == "take":
            services.update_feedback(user=request.user, feedback=feedback, owner=request.user, request=request)
        else:
            services.change_status(user=request.user, feedback=feedback,
                                   status=Feedback.Status.ACKNOWLEDGED, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        return render(request, "feedback/inbox.html#row", {"item": feedback, "now": timezone.now(),
                                                            "can_write": True})
    return redirect(next_url(request, "feedback:inbox"))


@require_http_methods(["GET", "POST"])
def feedback_create(request):
    ensure_can_write(request.user)
    form = FeedbackForm(*_bound(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}
        try:
            feedback = services.create_feedback(user=request.user, request=request, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Feedback logged."))
            return redirect(feedback)
    return render(request, "feedback/feedback_form.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
def feedback_detail(request, pk):
    feedback = get_visible_feedback(request.user, pk)
    return render(request, "feedback/feedback_detail.html", _detail_context(request, feedback))


def _detail_context(request, feedback, **forms):
    user = request.user
    can_write = not user.is_read_only
    context = {
        "feedback": feedback,
        "thread": thread_of(feedback),
        "history": history_of(feedback),
        "redactions": feedback.redactions.select_related("redacted_by"),
        "can_write": can_write,
        "can_redact": user.is_admin,
        "now": timezone.now(),
        "next_statuses": [(value, Feedback.Status(value).label)
                          for value in services.TRANSITIONS.get(feedback.status, ())],
    }
    if can_write:
        context |= {
            "reply_form": forms.get("reply_form") or ReplyForm(),
            "status_form": forms.get("status_form") or StatusForm(),
            "triage_form": forms.get("triage_form") or TriageForm(user=user, feedback=feedback),
            "sentiment_form": forms.get("sentiment_form") or SentimentForm(
                initial={"sentiment": feedback.sentiment if feedback.sentiment_is_manual else ""}),
        }
    return context


def _act_on_detail(request, feedback, form, action, *, form_name, message, error_field=None):
    """Run `action` with a valid form's data. HTMX gets the refreshed workspace; a plain POST is
    redirected, or shown the page with the form's errors."""
    if form.is_valid():
        try:
            action(user=request.user, feedback=feedback, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(error_field, error)
    forms = {form_name: form} if form.errors else {}
    if request.htmx:
        return render(request, "feedback/feedback_detail.html#workspace",
                      _detail_context(request, feedback, **forms))
    if form.errors:
        return render(request, "feedback/feedback_detail.html",
                      _detail_context(request, feedback, **forms), status=400)
    messages.success(request, message)
    return redirect(feedback)


@require_POST
def feedback_reply(request, pk):
    feedback = get_writable_feedback(request.user, pk)
    return _act_on_detail(request, feedback, ReplyForm(request.POST), services.add_reply,
                          form_name="reply_form", message=_("Added to the thread."), error_field="text")


@require_POST
def feedback_status(request, pk):
    feedback = get_writable_feedback(request.user, pk)
    return _act_on_detail(request, feedback, StatusForm(request.POST), services.change_status,
                          form_name="status_form", message=_("Status changed."))


@require_POST
def feedback_triage(request, pk):
    feedback = get_writable_feedback(request.user, pk)
    form = TriageForm(request.POST, user=request.user, feedback=feedback)
    return _act_on_detail(request, feedback, form, services.update_feedback,
                          form_name="triage_form", message=_("Saved."))


@require_POST
def feedback_sentiment(request, pk):
    feedback = get_writable_feedback(request.user, pk)
    return _act_on_detail(request, feedback, SentimentForm(request.POST), services.label_sentiment,
                          form_name="sentiment_form", message=_("Sentiment saved."))


@require_http_methods(["GET", "POST"])
def feedback_redact(request, pk):
    feedback = get_visible_feedback(request.user, pk)
    ensure_can_redact(request.user)
    form = RedactionForm(*_bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.redact(user=request.user, feedback=feedback, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Personal data redacted; the redaction is on record."))
            return redirect(feedback)
    return render(request, "feedback/redact.html", {"feedback": feedback, "form": form},
                  status=400 if form.errors else 200)


@require_GET
def dashboard(request):
    since = timezone.now() - timedelta(days=DASHBOARD_DAYS)
    feedback = feedback_visible_to(request.user)
    recent = feedback.filter(received_at__gte=since)
    trend = analytics.monthly_trend(feedback)
    return render(request, "feedback/dashboard.html", {
        "summary": analytics.summary(recent),
        "times": analytics.response_times(recent),
        "trend_figure": charts.trend_figure(trend),
        "sentiment_figure": charts.sentiment_figure(trend),
        "by_account": analytics.breakdown(recent, "account"),
        "by_campaign": analytics.breakdown(recent, "campaign"),
        "by_kind": analytics.breakdown(recent, "kind"),
        "kind_labels": dict(Feedback.Kind.choices),
        "topics": analytics.top_topics(recent),
        "breached": feedback.filter(status__in=Feedback.OPEN_STATUSES, sla_breached_at__isnull=False).count(),
        "days": DASHBOARD_DAYS,
    })


@require_http_methods(["GET", "POST"])
def import_csv(request):
    ensure_can_write(request.user)
    form = ImportForm(*_bound(request, files=True))
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = import_feedback_csv(user=request.user, uploaded_file=form.cleaned_data["file"],
                                         request=request)
        except UploadError as error:
            form.add_error("file", str(error))
        else:
            if result.ok:
                messages.success(request, _("Imported %(created)s feedback items (%(skipped)s already there).")
                                 % {"created": result.created, "skipped": result.skipped})
                return redirect("feedback:inbox")
    status = 400 if (form.errors or (result and not result.ok)) else 200
    return render(request, "feedback/import.html", {"form": form, "result": result}, status=status)


@require_http_methods(["GET", "POST"])
def link_create(request, account_pk):
    account = get_visible_account(request.user, account_pk)
    if not can_send_links_for(request.user, account):
        raise PermissionDenied
    form = LinkForm(*_bound(request), user=request.user, account=account)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.create_link(user=request.user, account=account, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("feedback:link_detail", pk=link.pk)
    return render(request, "feedback/link_form.html", {"account": account, "form": form},
                  status=400 if form.errors else 200)


@require_GET
def link_detail(request, pk):
    link = get_object_or_404(FeedbackLink.objects.select_related("account", "campaign", "created_by"), pk=pk)
    get_visible_account(request.user, link.account_id)
    if not can_send_links_for(request.user, link.account):
        raise PermissionDenied
    url = request.build_absolute_uri(link.get_public_url())
    return render(request, "feedback/link_detail.html", {"link": link, "url": url})


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def partner_form(request, token):
    link = get_link_by_token(token)
    if link.is_used or link.is_expired:
        return render(request, "feedback/link_gone.html", {"link": link}, status=410)
    form = PartnerFeedbackForm(*_bound(request))
    if request.method == "POST":
        if not allow_submission(client_ip(request)):
            return render(request, "feedback/too_many.html", status=429)
        if form.is_valid():
            if form.is_spam():
                return redirect("feedback:partner_thanks")
            data = {name: value for name, value in form.cleaned_data.items() if name != "website"}
            try:
                services.submit_partner_feedback(link=link, request=request, **data)
            except ValidationError:
                return render(request, "feedback/link_gone.html", {"link": link}, status=410)
            return redirect("feedback:partner_thanks")
    return render(request, "feedback/partner_form.html", {"link": link, "form": form},
                  status=400 if form.errors else 200)


@login_not_required
@require_GET
def partner_thanks(request):
    return render(request, "feedback/partner_thanks.html")


def _bound(request, files=False):
    """Form arguments: bound to the submitted data on POST (even when empty), unbound on GET."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)
