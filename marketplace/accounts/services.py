from django.db import transaction

from .models import Address, User


@transaction.atomic
def address_save(*, address: Address, user: User) -> Address:
    """Save `address` for `user`; the first address, or one marked default, becomes the default."""
    address.user = user
    others = Address.objects.filter(user=user).exclude(pk=address.pk)
    if not others.exists():
        address.is_default = True
    if address.is_default:
        others.filter(is_default=True).update(is_default=False)
    address.save()
    return address


@transaction.atomic
def address_delete(*, address: Address) -> None:
    """Delete an address; if it was the default, the newest remaining one takes its place."""
    user, was_default = address.user, address.is_default
    address.delete()
    if was_default:
        newest = Address.objects.filter(user=user).order_by("-created").first()
        if newest:
            newest.is_default = True
            newest.save(update_fields=["is_default"])
