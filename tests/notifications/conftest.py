import pytest

from coordination.models import Role
from tests.coordination.factories import RoleAssignmentFactory, UserFactory


@pytest.fixture
def backup(world):
    """The home region's backup contact."""
    user = UserFactory(username="backup")
    RoleAssignmentFactory(user=user, role=Role.RESPONDER, region=world.home, duty="backup")
    return user
