from django.urls import path

from phoihop.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("new/", views.document_create, name="document_create"),
    path("paste/", views.document_paste, name="document_paste"),
    path("<id:pk>/", views.document_detail, name="document_detail"),
    path("<id:pk>/edit/", views.document_edit, name="document_edit"),
    path("<id:pk>/file/", views.document_download, name="document_download"),
]
