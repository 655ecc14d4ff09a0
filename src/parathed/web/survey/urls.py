"""URLs of the respondent flow."""

from django.urls import path

from parathed.web.survey import views

app_name = "survey"
urlpatterns = [
    path("s/<str:token>/", views.LinkOpenView.as_view(), name="link-open"),
    path("besvar/", views.StartView.as_view(), name="respond"),
    path("besvar/side/<int:number>/", views.PageView.as_view(), name="page"),
    path("besvar/tak/", views.DoneView.as_view(), name="done"),
]
