"""The spark-submit entry point: the arguments of `dossier spark`.

    spark-submit --master yarn ... "$(python -c 'import dossier.spark.submit as m; print(m.__file__)')" \
        s3a://bucket/articles.parquet s3a://bucket/dossier-out --partitions 512
"""

from __future__ import annotations

from dossier.spark.cli import main

if __name__ == "__main__":
    main()
