from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("<int:pk>/", views.session_detail, name="session_detail"),
    path("<int:pk>/attendees/", views.attendees_add, name="attendees_add"),
    path("<int:pk>/materials/", views.material_add, name="material_add"),
    path("results/<int:pk>/", views.result_record, name="result_record"),
    path("people/<int:pk>/", views.person_record, name="person_record"),
    path("materials/<int:pk>/", views.material_download, name="material_download"),
]
