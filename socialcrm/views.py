from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import check_for_language
from django.views import i18n
from django.views.decorators.http import require_GET

from socialcrm.extensions import home_panels


@require_GET
def home(request):
    return render(request, "home.html", {"panels": home_panels(request)})


@login_not_required
@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


@login_not_required
def set_language(request):
    """Django's language switch, which also remembers a signed-in person's choice: their
    notifications and emails are then worded in it too (socialcrm.messages.user_language)."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if (request.method == "POST" and request.user.is_authenticated and check_for_language(language)
            and language in dict(settings.LANGUAGES) and request.user.language != language):
        get_user_model().objects.filter(pk=request.user.pk).update(language=language)
    return response
