from django.urls import path

from phoihop.activities import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("new/", views.activity_create, name="activity_create"),
    path("content-areas/", views.content_area_choices, name="content_area_choices"),
    path("<id:pk>/", views.activity_detail, name="activity_detail"),
    path("<id:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<id:pk>/merge/", views.activity_merge, name="activity_merge"),
    path("<id:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("<id:pk>/evidence/<id:evidence_pk>/", views.evidence_download, name="evidence_download"),
]
