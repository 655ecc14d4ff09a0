"""Reference data kept in the package: the 98 Danish municipalities. No Django."""
