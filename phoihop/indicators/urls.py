from django.urls import path

from phoihop.indicators import views, views_entry, views_excel, views_workflow

app_name = "indicators"

ENTRY = "entry/<id:unit_id>/<slug:form_code>/<str:period>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("catalog/", views.catalog, name="catalog"),
    path("catalog/<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("forms/<slug:code>/", views.form_detail, name="form_detail"),
    path("units/<id:unit_id>/", views.unit_dashboard, name="unit_dashboard"),
    path("units/<id:unit_id>/targets/", views.unit_targets, name="unit_targets"),
    path("programs/<id:program_id>/", views.program_dashboard, name="program_dashboard"),
    path(ENTRY, views_entry.entry_grid, name="entry_grid"),
    path(ENTRY + "row/", views_entry.entry_row_save, name="entry_row_save"),
    path(ENTRY + "save/", views_entry.entry_save_all, name="entry_save_all"),
    path(ENTRY + "submit/", views_entry.entry_submit, name="entry_submit"),
    path(ENTRY + "waive/", views_workflow.submission_waive, name="submission_waive"),
    path(ENTRY + "history/<id:indicator_id>/", views_entry.value_history, name="value_history"),
    path(ENTRY + "excel/", views_excel.excel_download, name="excel_download"),
    path(ENTRY + "excel/upload/", views_excel.excel_upload, name="excel_upload"),
    path(
        "completeness/<id:unit_id>/<slug:form_code>/<str:period>/",
        views_workflow.completeness,
        name="completeness",
    ),
    path("approvals/", views_workflow.approvals, name="approvals"),
    path("submissions/<id:pk>/approve/", views_workflow.submission_approve, name="approve"),
    path("submissions/<id:pk>/return/", views_workflow.submission_return, name="return"),
    path("submissions/<id:pk>/unlock/", views_workflow.submission_unlock, name="unlock"),
]
