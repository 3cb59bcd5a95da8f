"""Public pages' expensive parts, cached under the version of the data they were computed from."""
