from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("dictionary/", views.dictionary, name="dictionary"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("about/", views.about, name="about"),
]
