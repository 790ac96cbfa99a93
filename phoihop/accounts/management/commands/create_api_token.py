from django.core.management.base import BaseCommand, CommandError

from phoihop.accounts import services
from phoihop.accounts.models import User


class Command(BaseCommand):
    help = "Create an API token for a user and print it once (use: Authorization: Bearer <token>)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for.")

    def handle(self, *args, username: str, name: str, **options) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Không có người dùng đang hoạt động tên “{username}”.")
        _token, raw = services.api_token_create(user=user, name=name)
        self.stdout.write(raw)
