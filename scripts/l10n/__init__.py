"""The parts of the translation check; scripts/translations.py is its command line."""
