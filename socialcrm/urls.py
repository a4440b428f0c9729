from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts.urls import auth_urlpatterns
from socialcrm import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    *auth_urlpatterns,
    path("", include("accounts.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("imports/", include("imports.urls")),
    path("feedback/", include("feedback.urls")),
    path("crisis/", include("crisis.urls")),
    path("reports/", include("reports.urls")),
    path("governance/", include("governance.urls")),
    path("training/", include("training.urls")),
    path("social/", include("social.urls")),
    path("calendar/", include("workdays.urls")),
    path("notifications/", include("notifications.urls")),
    path("api/v1/", include("api.urls")),
    path("portal/", include("portal.urls")),
    path("partners/", include("portal.staff_urls")),
    path("admin/", admin.site.urls),
]

handler403 = "socialcrm.views.forbidden"
handler404 = "socialcrm.views.not_found"
handler500 = "socialcrm.views.server_error"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
