"""parishclerk: records of policies, acknowledgements and social media breaches for parish,
town and community councils."""

__version__ = "0.1.0"
"""Kept equal to ``version`` in pyproject.toml (tests/cli/test_cli.py checks); read by
``--version`` without a scan of installed packages' metadata."""
