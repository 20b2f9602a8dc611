"""The translation model: parsing articles for their structure (markdown.py), the policy
(policy.py), the consistency check (check.py), and the history of a translation (history.py)."""
