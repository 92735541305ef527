"""`kpiextract review`: check every record beside its page, correct it, export what was approved.

`decisions.py` (no web stack) turns a store's results and the analyst's decisions into reviewed
records, for the app and for `kpiextract export`; `locate.py` finds a record's source text on its
page; `pages.py` renders pages; `app.py` is the local web app (the `kpiextract[review]` extra).
"""
