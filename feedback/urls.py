from django.urls import path

from feedback import views

app_name = "feedback"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("export.csv", views.inbox_export, name="inbox_export"),
    path("new/", views.feedback_create, name="feedback_create"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("import/", views.import_csv, name="import"),
    path("<int:pk>/", views.feedback_detail, name="feedback_detail"),
    path("<int:pk>/quick/", views.quick_action, name="quick_action"),
    path("<int:pk>/reply/", views.feedback_reply, name="feedback_reply"),
    path("<int:pk>/status/", views.feedback_status, name="feedback_status"),
    path("<int:pk>/triage/", views.feedback_triage, name="feedback_triage"),
    path("<int:pk>/sentiment/", views.feedback_sentiment, name="feedback_sentiment"),
    path("<int:pk>/redact/", views.feedback_redact, name="feedback_redact"),
    path("accounts/<int:account_pk>/links/new/", views.link_create, name="link_create"),
    path("links/<int:pk>/", views.link_detail, name="link_detail"),
    path("p/<str:token>/", views.partner_form, name="partner_form"),
    path("p-thanks/", views.partner_thanks, name="partner_thanks"),
]
