"""The tagging web page and JSON API (`bilm-serve`): `app.create_app`, `serve.main`."""
