"""Thin views: parse the request, call a selector or a service, render a page or its partial.

Someone else's object is a 404 (the `get_visible_*` selectors); a role that may only read gets
a 403 from the service it tries to call.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import cadence_health, imports, selectors, services
from accounts.forms import (
    MAX_ITEM_ROWS,
    AccountForm,
    ActionItemForm,
    ActionItemRowForm,
    CadenceForm,
    CharterForm,
    ContactForm,
    ImportForm,
    MeetingForm,
    PartnershipForm,
    ReassignActionItemsForm,
    ShareForm,
    action_item_rows,
)
from accounts.models import Account, Charter, Meeting, User
from accounts.team import WINDOW_DAYS as TEAM_WINDOW_DAYS
from accounts.team import team_figures
from audit.readable import describe as describe_audit
from audit.services import record
from socialcrm import visibility
from socialcrm.exports import csv_response, xlsx_response
from socialcrm.extensions import account_panels, account_timeline
from socialcrm.form_fields import parse_datetime_param
from socialcrm.redirects import next_url
from socialcrm.uploads import UploadError

PAGE_SIZE = 25
TIMELINE_PAGE = 20
TIMELINE_KINDS = {
    "meeting": gettext_lazy("Meetings"), "action_item": gettext_lazy("Action items"),
    "campaign": gettext_lazy("Campaigns"), "milestone": gettext_lazy("Milestones"),
    "feedback": gettext_lazy("Feedback"), "incident": gettext_lazy("Incidents"),
}
GET_POST = require_http_methods(["GET", "POST"])


# Lists and exports ------------------------------------------------------------------------


@require_GET
def advertiser_list(request):
    return _account_list(request, Account.Side.ADVERTISER)


@require_GET
def publisher_list(request):
    return _account_list(request, Account.Side.PUBLISHER)


def _list_filters(request):
    get = request.GET
    return {
        "query": get.get("q", "").strip()[:100], "status": get.get("status", ""),
        "tier": get.get("tier", ""), "kind": get.get("kind", ""), "mine": get.get("mine") == "1",
        "sort": get.get("sort", "name"), "archived": get.get("archived") == "1",
        "cadence": get.get("cadence", ""),
    }


def _account_list(request, side):
    filters = _list_filters(request)
    accounts = selectors.account_list(request.user, side, **filters)
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page, "side": side, "side_label": Account.Side(side).label, "filters": filters,
        "query": filters["query"], "statuses": Account.Status.choices, "tiers": Account.Tier.choices,
        "kinds": [(kind.value, kind.label) for kind in Account.KINDS_BY_SIDE[side]],
        "cadence_states": cadence_health.STATES.items(), "today": timezone.localdate(),
        "can_create": visibility.can_create_accounts(request.user),
    }
    template = "accounts/account_list.html" + ("#results" if request.htmx else "")
    return render(request, template, context)


def _side_or_404(side):
    if side not in Account.Side.values:
        raise Http404
    return side


@require_GET
def account_export(request, side):
    """The list as the user sees it (same filters), as CSV or XLSX; the export is audited."""
    accounts = selectors.account_list(request.user, _side_or_404(side), **_list_filters(request))
    accounts = accounts.prefetch_related("shared_with")
    record(actor=request.user, action="account.export", request=request,
           changes={"side": side, "rows": accounts.count(), "format": request.GET.get("format", "csv")})
    return _table_response(request, f"{side}s", imports.ACCOUNT_COLUMNS, imports.account_rows(accounts))


@require_GET
def contact_export(request, side):
    contacts = (
        visibility.contacts_visible_to(request.user)
        .filter(account__side=_side_or_404(side), archived_at__isnull=True,
                account__archived_at__isnull=True)
        .select_related("account").order_by("account__name", "name")
    )
    record(actor=request.user, action="contact.export", request=request,
           changes={"side": side, "rows": contacts.count()})
    return _table_response(request, f"{side}-contacts", imports.CONTACT_COLUMNS,
                           imports.contact_rows(contacts))


def _table_response(request, name, header, rows):
    stamp = timezone.localdate().isoformat()
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"{name}-{stamp}.xlsx", header, rows, sheet_title=name)
    return csv_response(f"{name}-{stamp}.csv", header, rows)


@GET_POST
def account_import(request):
    return _import(request, imports.import_accounts, _("Import accounts"), imports.ACCOUNT_COLUMNS)


@GET_POST
def contact_import(request):
    return _import(request, imports.import_contacts, _("Import contacts"), imports.CONTACT_COLUMNS)


def _import(request, run_import, title, columns):
    if not visibility.can_create_accounts(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = run_import(actor=request.user, uploaded_file=form.cleaned_data["file"],
                                request=request)
        except UploadError as error:
            form.add_error("file", str(error))
        else:
            if report.ok:
                messages.success(request, _("Imported: %(created)s new, %(updated)s updated.")
                                 % {"created": report.created, "updated": report.updated})
                return redirect(request.path)
    return render(request, "accounts/import.html", {
        "form": form, "report": report, "title": title, "columns": columns,
    })


# Accounts ---------------------------------------------------------------------------------


@GET_POST
def account_create(request, side):
    _side_or_404(side)
    if not visibility.can_create_accounts(request.user):
        raise PermissionDenied
    form = AccountForm(request.POST or None, side=side, user=request.user)
    if request.method == "POST" and form.is_valid():
        account = _save(form, services.create_account, actor=request.user, side=side,
                        request=request, **form.cleaned_data)
        if account:
            messages.success(request, _("Account created."))
            return redirect(account)
    return render(request, "accounts/account_form.html", {
        "form": form, "title": _("New %(side)s") % {"side": Account.Side(side).label.lower()},
    })


@GET_POST
def account_edit(request, pk):
    account = visibility.get_editable_account(request.user, pk)
    form = AccountForm(request.POST or None, instance=account, side=account.side, user=request.user)
    if request.method == "POST" and form.is_valid():
        # The form saved the cleaned values onto the instance; the service reads them off it.
        account.refresh_from_db()
        if _save(form, services.update_account, actor=request.user, account=account,
                 request=request, **form.cleaned_data):
            messages.success(request, _("Account saved."))
            return redirect(account)
    return render(request, "accounts/account_form.html", {"form": form, "account": account,
                                                          "title": _("Edit %(name)s") % {"name": account}})


def _save(form, service, **kwargs):
    """Call a write service; its validation errors land on the form instead of a 500."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        form.add_error(None, error)
        return None


@require_POST
def account_archive(request, pk):
    account = visibility.get_visible_account(request.user, pk)
    services.archive_account(actor=request.user, account=account, request=request)
    messages.success(request, _("%(name)s was archived. It stays on record and can be restored.")
                     % {"name": account})
    return redirect(account)


@require_POST
def account_restore(request, pk):
    account = visibility.get_visible_account(request.user, pk)
    services.restore_account(actor=request.user, account=account, request=request)
    messages.success(request, _("%(name)s was restored.") % {"name": account})
    return redirect(account)


@require_POST
def account_share(request, pk):
    account = visibility.get_visible_account(request.user, pk)
    if not visibility.can_share_account(request.user, account):
        raise PermissionDenied
    form = ShareForm(request.POST, account=account)
    if form.is_valid():
        colleague = form.cleaned_data["colleague"]
        services.share_account(actor=request.user, account=account, colleague=colleague,
                               request=request)
        messages.success(request, _("Shared with %(who)s.") % {"who": colleague})
    else:
        messages.error(request, _("Choose a colleague to share with."))
    return redirect(account)


@require_POST
def account_unshare(request, pk, user_pk):
    account = visibility.get_visible_account(request.user, pk)
    colleague = get_object_or_404(account.shared_with, pk=user_pk)
    services.unshare_account(actor=request.user, account=account, colleague=colleague,
                             request=request)
    messages.success(request, _("%(who)s no longer shares this account.") % {"who": colleague})
    return redirect(account)


@require_GET
def account_detail(request, pk):
    account = visibility.get_visible_account(request.user, pk)
    timeline = _timeline_context(request, account)
    if request.htmx:
        return render(request, "accounts/account_detail.html#timeline", {"account": account, **timeline})
    can_edit = visibility.can_edit_account(request.user, account)
    context = {
        "account": account,
        "can_edit": can_edit,
        "can_share": visibility.can_share_account(request.user, account),
        "shared_with": account.shared_with.order_by("first_name", "username"),
        "contacts": account.contacts.filter(archived_at__isnull=True).select_related("portal_user"),
        "meetings": selectors.account_meetings(account, request.user)[:10],
        "action_items": selectors.account_action_items(account)[:30],
        "cadences": account.cadences.order_by("-is_active", "next_due_on"),
        "partnerships": selectors.account_partnerships(account, request.user),
        "history": describe_audit(selectors.account_history(account, request.user), request.user),
        "panels": account_panels(request, account),
        **timeline,
    }
    if can_edit and account.archived_at is None:
        context.update(_meeting_forms(request, account))
    if context["can_share"]:
        context["share_form"] = ShareForm(account=account)
    return render(request, "accounts/account_detail.html", context)


def _timeline_context(request, account):
    kind = request.GET.get("kind", "")
    kinds = {kind} if kind in TIMELINE_KINDS else None
    before = parse_datetime_param(request.GET.get("before", ""))
    events = account_timeline(account, user=request.user, before=before, limit=TIMELINE_PAGE, kinds=kinds)
    older = events[-1].at.isoformat() if len(events) == TIMELINE_PAGE else ""
    return {"timeline": events, "timeline_kind": kind if kinds else "", "timeline_older": older,
            "timeline_paged": before is not None, "timeline_kinds": TIMELINE_KINDS.items()}


# Contacts and partnerships ----------------------------------------------------------------


def _simple_form(request, form, title, account, cancel=None):
    return render(request, "accounts/simple_form.html", {
        "form": form, "title": title, "account": account, "cancel": cancel or account.get_absolute_url(),
    })


@GET_POST
def contact_create(request, pk):
    account = visibility.get_editable_account(request.user, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_contact(actor=request.user, account=account, request=request, **form.cleaned_data)
        messages.success(request, _("Contact added."))
        return redirect(account)
    return _simple_form(request, form, _("New contact at %(name)s") % {"name": account}, account)


@GET_POST
def contact_edit(request, pk):
    contact = visibility.get_visible_contact(request.user, pk)
    visibility.ensure_can_edit(request.user, contact.account)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        contact.refresh_from_db()
        services.update_contact(actor=request.user, contact=contact, request=request, **form.cleaned_data)
        messages.success(request, _("Contact saved."))
        return redirect(contact.account)
    return _simple_form(request, form, _("Edit %(name)s") % {"name": contact.name}, contact.account)


@require_POST
def contact_archive(request, pk):
    contact = visibility.get_visible_contact(request.user, pk)
    services.archive_contact(actor=request.user, contact=contact, request=request)
    messages.success(request, _("Contact archived."))
    return redirect(contact.account)


def _partner_choices(user, account):
    other = Account.Side.PUBLISHER if account.is_advertiser else Account.Side.ADVERTISER
    return visibility.accounts_visible_to(user).filter(side=other).active().order_by("name")


@GET_POST
def partnership_create(request, pk):
    account = visibility.get_editable_account(request.user, pk)
    form = PartnershipForm(request.POST or None, account=account,
                           partners=_partner_choices(request.user, account))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(form, services.add_partnership, actor=request.user, account=account,
                 partner=data["partner"], started_on=data["started_on"], notes=data["notes"],
                 request=request):
            messages.success(request, _("Partnership recorded."))
            return redirect(account)
    return _simple_form(request, form, _("New partnership of %(name)s") % {"name": account}, account)


@require_POST
def partnership_archive(request, pk, partnership_pk):
    account = visibility.get_visible_account(request.user, pk)
    partnership = visibility.get_visible_partnership(request.user, partnership_pk)
    services.archive_partnership(actor=request.user, partnership=partnership, account=account,
                                 request=request)
    messages.success(request, _("Partnership archived."))
    return redirect(account)


# Meetings ---------------------------------------------------------------------------------


def _meeting_forms(request, account, meeting=None):
    owners = visibility.possible_action_item_owners(account)
    contacts = _active_contacts(account)
    data = request.POST if request.method == "POST" else None
    default_owner = request.user if owners.filter(pk=request.user.pk).exists() else None
    return {
        "meeting_form": MeetingForm(data, instance=meeting, account=account, staff=owners, user=request.user,
                                    initial=None if meeting else _new_meeting_initial(request, default_owner)),
        "item_rows": action_item_rows(data, owners=owners, contacts=contacts,
                                      default_owner=default_owner, rows=2 if meeting else 3),
    }


def _new_meeting_initial(request, default_owner):
    """Staff attendee preset to the user; `?status=planned&kind=...` (from the cadence panel) preset too."""
    initial = {"staff_attendees": [default_owner]}
    if request.GET.get("status") in Meeting.Status.values:
        initial["status"] = request.GET["status"]
    if request.GET.get("kind") in Meeting.Kind.values:
        initial["kind"] = request.GET["kind"]
    if request.GET.get("campaign", "").isascii() and request.GET.get("campaign", "").isdigit():
        initial["campaign"] = int(request.GET["campaign"])  # the form only offers the account's own
    return initial


@GET_POST
def meeting_create(request, pk):
    """Log a meeting with its action items in one form (also embedded on the account page)."""
    account = visibility.get_editable_account(request.user, pk)
    if account.archived_at:
        raise PermissionDenied
    forms = _meeting_forms(request, account)
    form, rows = forms["meeting_form"], forms["item_rows"]
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        data = form.cleaned_data
        meeting = _save(
            form, services.log_meeting, actor=request.user, account=account, kind=data["kind"],
            status=data["status"], held_at=data["held_at"], campaign=data["campaign"], agenda=data["agenda"], minutes=data["minutes"],
            decisions=data["decisions"], next_meeting_on=data["next_meeting_on"],
            staff_attendees=data["staff_attendees"], contact_attendees=data["contact_attendees"],
            action_items=rows.items(), request=request,
        )
        if meeting and meeting.is_planned:
            messages.success(request, _("Meeting planned for %(day)s.")
                             % {"day": date_format(timezone.localtime(meeting.held_at), "SHORT_DATETIME_FORMAT")})
            return redirect(account)
        if meeting:
            count = len(rows.items())
            messages.success(request, ngettext("Meeting logged with %(n)s action item.",
                                               "Meeting logged with %(n)s action items.", count) % {"n": count})
            return redirect(account)
    return render(request, "accounts/meeting_form.html", {"account": account, **forms,
                                                          "title": _("Log a meeting")})


@require_GET
def meeting_detail(request, pk):
    meeting = visibility.get_visible_meeting(request.user, pk)
    return render(request, "accounts/meeting_detail.html", {
        "meeting": meeting, "account": meeting.account,
        "can_edit": visibility.can_edit_account(request.user, meeting.account),
        "staff": meeting.staff_attendees.all(), "contacts": meeting.contact_attendees.all(),
        "action_items": meeting.action_items.filter(archived_at__isnull=True).select_related(
            "owner", "owner_contact"),
    })


@GET_POST
def meeting_edit(request, pk):
    meeting = visibility.get_visible_meeting(request.user, pk)
    account = meeting.account
    visibility.ensure_can_edit(request.user, account)
    forms = _meeting_forms(request, account, meeting)
    form, rows = forms["meeting_form"], forms["item_rows"]
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        data = dict(form.cleaned_data)
        meeting = Meeting.objects.get(pk=meeting.pk)
        if _save(form, services.update_meeting, actor=request.user, meeting=meeting,
                 staff_attendees=data.pop("staff_attendees"),
                 contact_attendees=data.pop("contact_attendees"),
                 action_items=rows.items(), request=request, **data):
            messages.success(request, _("Meeting saved."))
            return redirect(meeting)
    return render(request, "accounts/meeting_form.html", {"account": account, "meeting": meeting,
                                                          **forms, "title": _("Edit meeting")})


@require_POST
def meeting_archive(request, pk):
    meeting = visibility.get_visible_meeting(request.user, pk)
    services.archive_meeting(actor=request.user, meeting=meeting, request=request)
    messages.success(request, _("Meeting archived. Its notes stay on record."))
    return redirect(meeting.account)


# Action items and cadence -----------------------------------------------------------------


@GET_POST
def action_item_create(request, pk):
    account = visibility.get_editable_account(request.user, pk)
    owners = visibility.possible_action_item_owners(account)
    form = ActionItemForm(request.POST or None, owners=owners, contacts=_active_contacts(account),
                          initial={"owner": request.user.pk})
    if request.method == "POST" and form.is_valid() and _save(
        form, services.add_action_item, actor=request.user, account=account, request=request,
        **form.cleaned_data,
    ):
        messages.success(request, _("Action item added."))
        return redirect(account)
    return _simple_form(request, form, _("New action item for %(name)s") % {"name": account}, account)


def _active_contacts(account):
    return account.contacts.filter(archived_at__isnull=True).order_by("name")


@require_GET
def action_item_row(request, pk):
    """One more blank action-item row for the meeting form ("Add another", htmx)."""
    account = visibility.get_editable_account(request.user, pk)
    try:
        index = int(request.GET.get("index", ""))
    except ValueError:
        index = -1
    if not 0 <= index < MAX_ITEM_ROWS:
        return HttpResponseBadRequest(_("No more rows can be added."))
    owners = visibility.possible_action_item_owners(account)
    row = ActionItemRowForm(prefix=f"items-{index}", owners=owners, contacts=_active_contacts(account),
                            initial={"owner": request.user.pk if owners.filter(pk=request.user.pk).exists() else None})
    return render(request, "accounts/_meeting_form.html#new-row", {
        "row": row, "next_index": index + 1, "account": account, "more": index + 1 < MAX_ITEM_ROWS,
    })


@GET_POST
def action_items_reassign(request):
    """Admins move someone's open action items to a colleague in one go."""
    if not request.user.is_admin:
        raise PermissionDenied
    form = ReassignActionItemsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        moved, kept = services.reassign_action_items(
            actor=request.user, from_user=form.cleaned_data["from_user"],
            to_user=form.cleaned_data["to_user"], request=request)
        messages.success(request, ngettext("%(n)s open action item now belongs to %(who)s.",
                                           "%(n)s open action items now belong to %(who)s.", len(moved))
                         % {"n": len(moved), "who": form.cleaned_data["to_user"]})
        for item in kept:
            messages.warning(request, _("“%(title)s” stayed: %(who)s does not work on %(account)s.")
                             % {"title": item.title, "who": form.cleaned_data["to_user"],
                                "account": item.account})
        return redirect("accounts:action_items_reassign")
    return render(request, "accounts/reassign.html", {"form": form})


@require_POST
def action_item_done(request, pk):
    item = visibility.get_visible_action_item(request.user, pk)
    services.complete_action_item(actor=request.user, item=item, request=request)
    if request.htmx:
        return render(request, "accounts/_home_action_items.html#item", {"item": item})
    messages.success(request, _("Marked as done: %(title)s") % {"title": item.title})
    return redirect(next_url(request, item.account))


@require_POST
def action_item_archive(request, pk):
    item = visibility.get_visible_action_item(request.user, pk)
    services.archive_action_item(actor=request.user, item=item, request=request)
    messages.success(request, _("Action item archived."))
    return redirect(item.account)


@GET_POST
def charter_edit(request, pk):
    account = visibility.get_editable_account(request.user, pk)
    charter = Charter.objects.filter(account=account).first()
    form = CharterForm(request.POST or None, instance=charter, account=account,
                       staff=visibility.possible_action_item_owners(account))
    if request.method == "POST" and form.is_valid() and _save(
        form, services.set_charter, actor=request.user, account=account, request=request,
        **form.cleaned_data,
    ):
        messages.success(request, _("Partnership charter saved."))
        return redirect(account)
    return _simple_form(request, form, _("Partnership charter with %(name)s") % {"name": account},
                        account)


@GET_POST
def cadence_create(request, pk):
    account = visibility.get_editable_account(request.user, pk)
    charter = Charter.objects.filter(account=account).first()
    initial = {"interval": charter.meeting_interval} if charter and charter.meeting_interval else None
    form = CadenceForm(request.POST or None, initial=initial)
    form.instance.account = account
    if request.method == "POST" and form.is_valid():
        services.set_cadence(actor=request.user, account=account, request=request, **form.cleaned_data)
        messages.success(request, _("Cadence saved."))
        return redirect(account)
    return _simple_form(request, form, _("Communication cadence with %(name)s") % {"name": account},
                        account)


@require_POST
def cadence_stop(request, pk):
    cadence = visibility.get_visible_cadence(request.user, pk)
    services.stop_cadence(actor=request.user, cadence=cadence, request=request)
    messages.success(request, _("Cadence stopped."))
    return redirect(cadence.account)



@require_GET
def team(request):
    """Per account manager: cadence kept, action items on time, feedback answered in time."""
    if request.user.role not in (User.Role.ADMIN, User.Role.EXECUTIVE, User.Role.ACCOUNT_MANAGER):
        raise PermissionDenied
    return render(request, "accounts/team.html", {
        "rows": team_figures(request.user), "days": TEAM_WINDOW_DAYS,
    })
