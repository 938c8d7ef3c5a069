"""STAND-IN for engineer P's payments.access, REMOVE AT MERGE."""

SESSION_KEY = "payments_orders"


def allow_payment(session, order) -> None:
    session[SESSION_KEY] = [*session.get(SESSION_KEY, []), order.number][-10:]


def may_pay(request, order) -> bool:
    user = request.user
    if user.is_authenticated and order.user_id == user.pk:
        return True
    return order.number in request.session.get(SESSION_KEY, [])
