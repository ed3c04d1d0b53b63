from django.urls import path

from dialogues import views

app_name = "dialogues"

urlpatterns = [
    path("", views.dialogue_list, name="dialogue-list"),
    path("themes/", views.theme_list, name="theme-list"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme-detail"),
    path("documents/<int:pk>/", views.document_detail, name="document-detail"),
    path("<slug:slug>/", views.dialogue_detail, name="dialogue-detail"),
]
