"""The benchmark: PlanWatch's pages under wrk on gunicorn, their SQL queries, and the importer's throughput."""
