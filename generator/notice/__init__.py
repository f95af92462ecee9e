"""The notice as data and its checks: the format, loading, validation, the rules of GDPR."""
