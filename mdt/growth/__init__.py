"""MDT growth as an outcome of community action (issue 20)."""
