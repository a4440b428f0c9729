app_name = "crisis"
urlpatterns = []
