"""ldboard: a planning board for the one-person Learning & Development team."""

__version__ = "0.1.0"
