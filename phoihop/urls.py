from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView

from phoihop.api.api import api

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="orgs:tree", permanent=False)),
    path("accounts/", include("phoihop.accounts.urls")),
    path("units/", include("phoihop.orgs.urls")),
    path("programs/", include("phoihop.programs.urls")),
    path("documents/", include("phoihop.documents.urls")),
    path("calendar/", include("phoihop.agenda.urls")),
    path("articles/", include("phoihop.articles.urls")),
    path("activities/excel/", include("phoihop.activities.urls_excel")),
    path("activities/", include("phoihop.activities.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
