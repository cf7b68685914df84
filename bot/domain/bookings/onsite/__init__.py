"""After the accept: the arrival promise and no-shows, the private line between resident and
worker, honest final states of a worker's messages, common-area work orders, and photos.

The use cases are in :mod:`.jobsite` (what every accept and every end of a job does),
:mod:`.arrival`, :mod:`.line` and :mod:`.workorders`; :mod:`.service` wires them. This package
file stays empty of imports so that :mod:`bot.domain.bookings.messages` can use :mod:`.labels`.
"""
