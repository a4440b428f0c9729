from django.urls import path

from portal import staff_views

app_name = "partners"
urlpatterns = [
    path("contacts/<int:pk>/invite/", staff_views.invite, name="invite"),
    path("contacts/<int:pk>/deactivate/", staff_views.deactivate, name="deactivate"),
    path("contacts/<int:pk>/reactivate/", staff_views.reactivate, name="reactivate"),
    path("reviews/<int:pk>/link/", staff_views.review_link, name="review_link"),
    path("review-decisions/<int:pk>/file/", staff_views.review_attachment, name="review_attachment"),
]
