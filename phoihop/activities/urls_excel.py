from django.urls import path

from phoihop.activities import views_excel

app_name = "activities_excel"

urlpatterns = [
    path("template/", views_excel.activity_template, name="activity_template"),
    path("import/", views_excel.activity_import, name="activity_import"),
    path("import/<id:pk>/", views_excel.import_job_detail, name="import_job_detail"),
    path("import/<id:pk>/confirm/", views_excel.import_job_confirm, name="import_job_confirm"),
    path("export/", views_excel.activity_export, name="activity_export"),
]
