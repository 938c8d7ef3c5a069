from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import AddressForm, ProfileForm
from .models import Address


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details were saved."))
        return redirect("accounts:profile")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "addresses": request.user.addresses.all()},
        status=status,
    )


@login_required
def address_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    address = get_object_or_404(Address, pk=pk, user=request.user) if pk else Address()
    form = AddressForm(request.POST or None, instance=address)
    if request.method == "POST" and form.is_valid():
        services.address_save(address=form.save(commit=False), user=request.user)
        messages.success(request, _("The address was saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/address_form.html",
        {"form": form, "address": address},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def address_delete(request: HttpRequest, pk: int) -> HttpResponse:
    address = get_object_or_404(Address, pk=pk, user=request.user)
    services.address_delete(address=address)
    messages.success(request, _("The address was deleted."))
    return redirect("accounts:profile")
