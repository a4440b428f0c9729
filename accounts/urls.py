from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("advertisers/", views.advertiser_list, name="advertiser_list"),
    path("publishers/", views.publisher_list, name="publisher_list"),
    path("accounts/<int:pk>/", views.account_detail, name="account_detail"),
]

# Authentication lives outside the namespace so Django's defaults (LOGIN_URL="login") apply.
auth_urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
