from django.conf import settings
from django.urls import include, path, re_path

from phoihop.api.api import api, path_not_found

urlpatterns = [
    path("", include("phoihop.home.urls")),
    path("accounts/", include("phoihop.accounts.urls")),
    path("units/", include("phoihop.orgs.urls")),
    path("programs/", include("phoihop.reporting.urls")),  # before programs' catch-all action
    path("programs/", include("phoihop.programs.urls")),
    path("reviews/", include("phoihop.reviews.urls")),
    path("documents/", include("phoihop.documents.urls")),
    path("calendar/", include("phoihop.agenda.urls")),
    path("articles/", include("phoihop.articles.urls")),
    path("activities/excel/", include("phoihop.activities.urls_excel")),
    path("activities/", include("phoihop.activities.urls")),
    path("indicators/", include("phoihop.indicators.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", path_not_found),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
