"""Who may do what with a story's live coverage.

Posting, editing, withdrawing and pinning updates is the desk's work: Reporters
and Editors have it for every live story (``live.add_liveupdate`` and
``live.change_liveupdate``, given in this app's migrations), and so has anyone
who may edit the story itself. Making a story live and ending its coverage
change what the story is: they need the right to publish it.
"""


def works_the_desk(user):
    """Does ``user`` post to live stories in general (and so see the list of them)?"""
    return user.has_perm("live.add_liveupdate")


def can_post(user, story):
    """May ``user`` post updates to ``story``?"""
    return user.has_perm("live.add_liveupdate") or _can_edit(user, story)


def can_change_updates(user, story):
    """May ``user`` edit, withdraw, pin and unpin ``story``'s updates?"""
    return user.has_perm("live.change_liveupdate") or _can_edit(user, story)


def can_start_or_end(user, story):
    """May ``user`` make ``story`` live, or end its live coverage?"""
    return story.permissions_for_user(user).can_publish()


def _can_edit(user, story):
    return story.permissions_for_user(user).can_edit()
