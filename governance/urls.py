from django.urls import path

from governance import views

app_name = "governance"

urlpatterns = [
    path("templates/", views.template_list, name="template_list"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("items/<int:pk>/rename/", views.item_rename, name="item_rename"),
    path("items/<int:pk>/archive/", views.item_archive, name="item_archive"),
    path("accounts/<int:pk>/checklists/", views.checklist_start, name="checklist_start"),
    path("checklists/<int:pk>/", views.checklist_detail, name="checklist_detail"),
    path("entries/<int:pk>/", views.entry_update, name="entry_update"),
    path("entries/<int:pk>/evidence/", views.evidence_download, name="evidence_download"),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/<int:pk>/", views.policy_detail, name="policy_detail"),
    path("policies/<int:pk>/acknowledge/", views.policy_acknowledge, name="policy_acknowledge"),
]
