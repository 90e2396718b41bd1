"""The audit: many messages at once — rows of CSV, JSON Lines and Parquet files, or
folders of documents — linted in chunks and reduced to aggregates (README,
"Auditing many messages").

    inputs / tables   → messages, streamed
    spec.audit_chunk  → rows (rows.py, cached) → a Tally (tally.py)
    local / on_dask   → the engines: one process, or a Dask cluster
    document          → the report's data; report.audit_* formats it
"""
