import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otklik.settings")
application = get_wsgi_application()

# What start-up made (modules, models, settings: some 130 000 objects) lives as long as
# the process: out of the collector's generations, a full collection no longer walks it
# every few requests (about 100 ms each, measured in bench/national.py; a region's
# weekly tables set one off every third call). Each gunicorn worker imports this module.
gc.freeze()
