from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from socialcrm import visibility
from socialcrm.attachments import attachment_response
from socialcrm.visibility import accounts_visible_to
from training import selectors, services
from training.forms import AttendeesForm, MaterialForm, ResultForm, SessionForm
from training.models import Attendance, Material

GET_POST = require_http_methods(["GET", "POST"])


@GET_POST
def session_list(request):
    can_create = visibility.can_create_sessions(request.user)
    form = None
    if can_create:
        form = SessionForm(request.POST or None, staff=services.staff_choices(),
                           accounts=accounts_visible_to(request.user).active().order_by("name"),
                           initial={"trainer": request.user.pk})
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                session = services.create_session(actor=request.user, staff=data.pop("staff"),
                                                  request=request, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Training session saved."))
                return redirect(session)
    sessions = visibility.sessions_visible_to(request.user).select_related("trainer", "account")[:100]
    return render(request, "training/session_list.html", {"sessions": sessions, "form": form})


@require_GET
def session_detail(request, pk):
    session = visibility.get_visible_session(request.user, pk)
    can_run = visibility.can_run_session(request.user, session)
    attendances = list(selectors.attendances_of(session))
    return render(request, "training/session_detail.html", {
        "session": session, "can_run": can_run, "materials": session.materials.all(),
        "rows": [(attendance, ResultForm(initial={"completed": attendance.completed,
                                                  "score": attendance.score},
                                         prefix=f"a{attendance.pk}")) for attendance in attendances],
        "attendees_form": _attendees_form(session) if can_run else None,
        "material_form": MaterialForm() if can_run else None,
    })


def _session_to_run(user, pk):
    session = visibility.get_visible_session(user, pk)
    if not visibility.can_run_session(user, session):
        raise PermissionDenied
    return session


def _attendees_form(session, data=None):
    return AttendeesForm(data, staff=services.staff_choices(),
                         contacts=services.contact_choices(session.account))


@require_POST
def attendees_add(request, pk):
    session = _session_to_run(request.user, pk)
    form = _attendees_form(session, request.POST)
    if form.is_valid():
        try:
            services.set_attendees(actor=request.user, session=session, request=request, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect(session)


@require_POST
def result_record(request, pk):
    attendance = get_object_or_404(
        Attendance.objects.filter(session__in=visibility.sessions_visible_to(request.user).values("pk"))
        .select_related("session"), pk=pk)
    form = ResultForm(request.POST, prefix=f"a{attendance.pk}")
    if form.is_valid():
        services.record_result(actor=request.user, attendance=attendance, request=request,
                               completed=form.cleaned_data["completed"], score=form.cleaned_data["score"])
        messages.success(request, _("Result saved for %(who)s.") % {"who": attendance.attendee})
    else:
        messages.error(request, _("A score is a whole number from 0 to 100."))
    return redirect(attendance.session)


@require_POST
def material_add(request, pk):
    session = _session_to_run(request.user, pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_material(actor=request.user, session=session, request=request, **form.cleaned_data)
            messages.success(request, _("Material attached."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return redirect(session)


@require_GET
def person_record(request, pk):
    """A staff member's training record: their own, or anyone's for admins and executives."""
    person = get_object_or_404(User, pk=pk)
    if person.pk != request.user.pk and not (request.user.is_admin or request.user.role == User.Role.EXECUTIVE):
        raise PermissionDenied
    return render(request, "training/person_record.html",
                  {"person": person, "attendances": selectors.training_record_of_user(person)})


@require_GET
def material_download(request, pk):
    material = get_object_or_404(
        Material.objects.filter(session__in=visibility.sessions_visible_to(request.user).values("pk")), pk=pk)
    return attachment_response(material.file)
