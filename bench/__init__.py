"""The benchmark (pages under wrk on gunicorn, their SQL queries, the importer's throughput) and
the demo data it runs on (`manage.py generate_demo_data`)."""
