"""Point the default Wagtail site at the address it is served from.

Every absolute address the site writes — sitemap, canonical links, JSON-LD, QR codes, posters,
iCalendar feed — comes from the default site's host name and port (``Site.root_url``).
``make run`` calls this with ``http://127.0.0.1:$(PORT)``; a production server runs it once
with its public address (or an administrator sets it in Paramètres → Sites).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_site_address(address: str) -> tuple[str, int]:
    """``(hostname, port)`` of an ``http(s)://host[:port]`` address; ``ValueError`` in French otherwise."""
    parts = urlsplit(address.strip())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"Adresse invalide « {address} » : attendu http://hôte[:port] ou https://hôte[:port].")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ValueError(f"Adresse invalide « {address} » : seulement le protocole, l'hôte et le port.")
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as error:  # a port out of range or not a number
        raise ValueError(f"Adresse invalide « {address} » : port incorrect.") from error
    if parts.scheme == "https" and port == 80:
        raise ValueError(f"Adresse invalide « {address} » : le port 80 n'est pas un port HTTPS.")
    return parts.hostname, port


class Command(BaseCommand):
    help = "Règle l'adresse du site par défaut (liens absolus, plan du site, QR codes) : http(s)://hôte[:port]."

    def add_arguments(self, parser):
        parser.add_argument("address", help="Adresse servie, par ex. http://127.0.0.1:8000 ou https://www.exemple.fr")

    def handle(self, *args, address: str, **options):
        from wagtail.models import Site

        try:
            hostname, port = parse_site_address(address)
        except ValueError as error:
            raise CommandError(str(error)) from error
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("Aucun site par défaut : lancez d'abord `manage.py load_demo` ou créez-le dans l'admin.")
        if (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            site.save()  # Site.save() clears Wagtail's site cache; ours listens to the same signal
        self.stdout.write(f"Adresse du site : {site.root_url}")
