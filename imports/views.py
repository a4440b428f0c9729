from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.services import record
from imports import rejected, services
from imports.forms import CommitForm, MappingForm, NamesForm, UploadForm
from imports.models import ImportJob
from imports.progress import progress_of
from socialcrm import visibility
from socialcrm.exports import csv_response
from socialcrm.uploads import UploadError
from socialcrm.visibility import ensure_can_read_import_history, get_own_job, jobs_visible_to

ERRORS_SHOWN = 500


@require_GET
def import_list(request):
    user = request.user
    ensure_can_read_import_history(user)
    page = Paginator(jobs_visible_to(user), 25).get_page(request.GET.get("page"))
    return render(request, "imports/import_list.html", {"page": page, "can_import": visibility.can_import(user)})


@require_http_methods(["GET", "POST"])
def upload(request):
    visibility.require_importer(request.user)
    form = UploadForm(request.POST or None, request.FILES or None,
                      too_large=getattr(request, "upload_too_large", None))
    if request.method == "POST" and form.is_valid():
        try:
            job = services.upload_file(user=request.user, uploaded_file=form.cleaned_data["file"],
                                       source_name=form.cleaned_data["source"], request=request)
        except UploadError as error:
            form.add_error("file", str(error))
        else:
            return redirect("imports:mapping", pk=job.pk)
    return render(request, "imports/upload.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def mapping(request, pk):
    visibility.require_importer(request.user)
    job = get_own_job(request.user, pk)
    form = MappingForm(request.POST or None, job=job, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_mapping(
                user=request.user, job=job, columns=form.columns(), request=request,
                campaign=form.cleaned_data["campaign"], publisher=form.cleaned_data["publisher"],
                platform=form.cleaned_data["platform"], reading=form.reading(),
                import_when_clean=form.cleaned_data["import_when_clean"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(job)
    return render(request, "imports/mapping.html", {"job": job, "form": form})


@require_http_methods(["GET", "POST"])
def names(request, pk):
    """The mapping step for platform campaigns/accounts: each unknown one once, with suggestions."""
    visibility.require_importer(request.user)
    job = get_own_job(request.user, pk)
    if job.status != ImportJob.Status.NAMES:
        return redirect(job)
    form = NamesForm(request.POST or None, job=job, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_names(user=request.user, job=job, answers=form.answers(), request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(job)
    return render(request, "imports/names.html", {"job": job, "form": form},
                  status=400 if form.errors else 200)


@require_GET
def job_detail(request, pk):
    visibility.require_importer(request.user)
    job = get_own_job(request.user, pk)
    context = {"job": job, "progress": progress_of(job), "errors": job.errors[:ERRORS_SHOWN],
               "more_errors": max(0, len(job.errors) - ERRORS_SHOWN),
               "outside_choices": ImportJob.OutsideDates.choices}
    template = "imports/job_detail.html" + ("#status" if request.htmx else "")
    return render(request, template, context)


@require_POST
def commit(request, pk):
    visibility.require_importer(request.user)
    job = get_own_job(request.user, pk)
    form = CommitForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose how to import."))
        services.start_commit(user=request.user, job=job, mode=form.cleaned_data["mode"],
                              outside=form.cleaned_data["outside"], request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(job)


@require_GET
def rejected_rows(request, pk):
    visibility.require_importer(request.user)
    job = get_own_job(request.user, pk)
    if job.status not in (ImportJob.Status.NAMES, ImportJob.Status.VALIDATED, ImportJob.Status.DONE,
                          ImportJob.Status.REFUSED):
        raise PermissionDenied
    header, rows = services.rejected_rows(job)
    record(actor=request.user, action="imports.download_rejected", target=job, request=request)
    return csv_response(f"rejected-{job.pk}-{job.original_name.rsplit('.', 1)[0]}.csv", header, rows)


@require_GET
def rejected_download(request, token):
    """The rejected rows of an account, contact, feedback or exchange-rate upload, for the user who uploaded it."""
    kept = rejected.recall(request.user, token)
    if kept is None:
        raise Http404
    name, header, rows = kept
    return csv_response(f"rejected-{name}.csv", header, rows)
