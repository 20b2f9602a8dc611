"""The help-centre engine: a static, multilingual help centre built by MkDocs, Material for MkDocs,
mkdocs-static-i18n and mkdocs-macros, with this package's plugin (helpcentre/plugin.py) and commands
(`python -m helpcentre <verb>`, helpcentre/cli.py). A help centre is a folder with mkdocs.yml,
docs/<language>/ and data/; `python -m helpcentre init DIR` starts one."""
