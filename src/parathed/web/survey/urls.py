"""URLs of the respondent flow."""

from django.urls import path

from parathed.web.survey import views

app_name = "survey"
urlpatterns = [
    path("s/<str:token>/", views.LinkOpenView.as_view(), name="link-open"),
    path("besvar/", views.RespondView.as_view(), name="respond"),
    path("besvar/tak/", views.DoneView.as_view(), name="done"),
]
