"""Where the help centre meets Material for MkDocs: what it relies on in Material's templates and
scripts, each checked on every build (seams.py), and the edits it makes to what Material writes.
Every module here names the Material file it depends on, so an upgrade is checked in one folder."""
