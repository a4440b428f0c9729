from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance import selectors, services
from governance.forms import EntryForm, ItemForm, PolicyForm, TemplateForm
from governance.models import ChecklistTemplate, Policy, TemplateItem
from socialcrm import visibility
from socialcrm.attachments import attachment_response
from socialcrm.visibility import can_edit_account, get_visible_account, possible_action_item_owners

GET_POST = require_http_methods(["GET", "POST"])


def _admin_only(user):
    if not user.is_admin:
        raise PermissionDenied


# Templates (admins) -----------------------------------------------------------------------


@GET_POST
def template_list(request):
    _admin_only(request.user)
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        template = services.create_template(actor=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Checklist template created."))
        return redirect(template)
    return render(request, "governance/template_list.html",
                  {"templates": selectors.live_templates().prefetch_related("items"), "form": form})


@GET_POST
def template_edit(request, pk):
    _admin_only(request.user)
    template = get_object_or_404(ChecklistTemplate, pk=pk)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_template_item(actor=request.user, template=template, request=request,
                                   title=form.cleaned_data["title"])
        return redirect(template)
    return render(request, "governance/template_edit.html", {
        "template": template, "items": template.items.filter(archived_at__isnull=True), "form": form,
    })


@require_POST
def item_rename(request, pk):
    _admin_only(request.user)
    item = get_object_or_404(TemplateItem, pk=pk)
    form = ItemForm(request.POST)
    if form.is_valid():
        services.rename_template_item(actor=request.user, item=item, request=request,
                                      title=form.cleaned_data["title"])
    else:
        messages.error(request, _("An item needs a text."))
    return redirect(item.template)


@require_POST
def item_archive(request, pk):
    _admin_only(request.user)
    item = get_object_or_404(TemplateItem, pk=pk)
    services.archive_template_item(actor=request.user, item=item, request=request)
    messages.success(request, _("Item removed from the template; recorded entries stay on record."))
    return redirect(item.template)


# Checklists per advertiser -----------------------------------------------------------------


@require_POST
def checklist_start(request, pk):
    account = get_visible_account(request.user, pk)
    if not can_edit_account(request.user, account):
        raise PermissionDenied
    template = selectors.live_templates().filter(pk=_id_or_none(request.POST.get("template"))).first()
    if template is None:
        messages.error(request, _("Choose a checklist template."))
        return redirect(account)
    try:
        checklist = services.start_checklist(actor=request.user, account=account, template=template,
                                             request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(account)
    return redirect(checklist)


def _id_or_none(value):
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 10 else None


@require_GET
def checklist_detail(request, pk):
    checklist = visibility.get_visible_checklist(request.user, pk)
    can_edit = can_edit_account(request.user, checklist.account)
    owners = possible_action_item_owners(checklist.account)
    entries = list(selectors.checklist_entries(checklist))
    rows = [(entry, EntryForm(instance=entry, owners=owners, prefix=f"e{entry.pk}") if can_edit else None)
            for entry in entries]
    done = sum(entry.status == entry.Status.DONE for entry in entries)
    applicable = sum(entry.status != entry.Status.NOT_APPLICABLE for entry in entries)
    return render(request, "governance/checklist_detail.html", {
        "checklist": checklist, "account": checklist.account, "rows": rows, "can_edit": can_edit,
        "done": done, "applicable": applicable,
    })


@require_POST
def entry_update(request, pk):
    entry = visibility.get_visible_checklist_entry(request.user, pk)
    if not can_edit_account(request.user, entry.checklist.account):
        raise PermissionDenied
    owners = possible_action_item_owners(entry.checklist.account)
    form = EntryForm(request.POST, request.FILES, instance=entry, owners=owners, prefix=f"e{entry.pk}")
    saved = False
    if form.is_valid():
        try:
            services.update_entry(actor=request.user, entry=entry, request=request, **form.cleaned_data)
            saved = True
        except ValidationError as error:
            form.add_error(None, error)
    if request.htmx:
        return render(request, "governance/checklist_detail.html#entry",
                      {"entry": entry, "form": form, "can_edit": True, "saved": saved})
    if saved:
        messages.success(request, _("Saved: %(item)s") % {"item": entry.item})
    else:
        messages.error(request, _("Not saved: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect(entry.checklist)


# Policies ---------------------------------------------------------------------------------


@GET_POST
def policy_list(request):
    form = PolicyForm(request.POST or None) if request.user.is_admin else None
    if request.method == "POST":
        _admin_only(request.user)
        if form.is_valid():
            policy = services.publish_policy(actor=request.user, request=request, **form.cleaned_data)
            messages.success(request, _("Policy published. Staff are asked to acknowledge it."))
            return redirect(policy)
    unread = set(selectors.policies_to_acknowledge(request.user).values_list("pk", flat=True))
    return render(request, "governance/policy_list.html",
                  {"policies": selectors.live_policies(), "unread": unread, "form": form})


@GET_POST
def policy_detail(request, pk):
    policy = get_object_or_404(selectors.live_policies(), pk=pk)
    form = PolicyForm(request.POST or None, instance=policy) if request.user.is_admin else None
    if request.method == "POST":
        _admin_only(request.user)
        if form.is_valid():
            services.revise_policy(actor=request.user, policy=Policy.objects.get(pk=policy.pk),
                                   request=request, **form.cleaned_data)
            messages.success(request, _("New version published. Staff are asked to acknowledge it again."))
            return redirect(policy)
    return render(request, "governance/policy_detail.html", {
        "policy": policy, "form": form,
        "acknowledged": policy.acknowledgements.filter(version=policy.version, user=request.user).exists(),
        "acknowledgements": selectors.acknowledgements_of(policy) if request.user.is_admin else None,
    })


@require_POST
def policy_acknowledge(request, pk):
    policy = get_object_or_404(selectors.live_policies(), pk=pk)
    services.acknowledge_policy(actor=request.user, policy=policy, request=request)
    messages.success(request, _("Thank you: you acknowledged %(policy)s.") % {"policy": policy})
    return redirect(policy)


@require_GET
def evidence_download(request, pk):
    return attachment_response(visibility.get_visible_checklist_entry(request.user, pk).evidence_file)
