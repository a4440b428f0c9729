from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("reviews/<int:pk>/", views.review_decide, name="review_decide"),
    path("review/<str:token>/", views.review_by_link, name="review_by_link"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:year>/<int:month>/", views.report_detail, name="report_detail"),
    path("reports/<int:year>/<int:month>/download/", views.report_download, name="report_download"),
    path("feedback/", views.feedback_list, name="feedback_list"),
    path("feedback/<int:pk>/", views.feedback_detail, name="feedback_detail"),
    path("statements/", views.statement_list, name="statement_list"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("welcome/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("sign-in/", views.sign_in_link, name="sign_in_link"),
    path("sign-in/<str:token>/", views.sign_in_with_link, name="sign_in_with_link"),
]
