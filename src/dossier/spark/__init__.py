"""Dossier on Apache Spark: the same Analyzer in the executors, Parquet datasets out, and the
store's cross-document event merge as Spark operations (see docs/spark.md).

`dossier spark IN OUT` runs it (`dossier.spark.cli`); `spark-submit` runs the same command
through `dossier/spark/submit.py`.
"""
