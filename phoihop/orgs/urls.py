from django.urls import path

from phoihop.orgs import views, views_import

app_name = "orgs"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("search/", views.unit_search, name="unit_search"),
    path("import/", views_import.unit_import, name="unit_import"),
    path("import/<id:pk>/", views_import.unit_import_job, name="unit_import_job"),
    path("import/<id:pk>/confirm/", views_import.unit_import_confirm, name="unit_import_confirm"),
    path("import/template.xlsx", views_import.unit_import_template, name="unit_import_template"),
    path("<id:pk>/", views.unit_detail, name="unit_detail"),
    path("<id:pk>/children/", views.unit_children, name="unit_children"),
    path("<id:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("<id:parent_pk>/new/", views.unit_create, name="unit_create"),
    path("<id:pk>/reorganize/", views.unit_reorganize, name="unit_reorganize"),
    path("<id:pk>/members/", views.unit_members, name="unit_members"),
    path(
        "<id:pk>/members/<id:membership_pk>/revoke/",
        views.membership_revoke,
        name="membership_revoke",
    ),
]
