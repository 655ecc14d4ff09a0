"""Login (password, then a TOTP code for the roles that need one) and logout."""

from django.contrib.auth import views as auth_views
from django.urls import path

from parathed.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/kode/", views.mfa_verify, name="mfa-verify"),
    path("login/totp-opsaetning/", views.mfa_enrol, name="mfa-enrol"),
]
