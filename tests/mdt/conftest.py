from tests.mdt.recommending import freeze, mdt_world  # noqa: F401  (fixtures of tests/mdt)
