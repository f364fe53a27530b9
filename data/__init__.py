"""The files in this folder ship in the wheel as the package ``parishclerk.data``; read them with
``importlib.resources.files("parishclerk.data")``. See README.md here for what each one is."""
