from django.shortcuts import render

from ..access import shop_required


@shop_required
def index(request):
    return render(request, "dashboard/section_todo.html", {"section": "settings"})
