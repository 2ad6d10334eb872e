"""The demo content of the site, kept apart from the production apps (which never import it)."""
